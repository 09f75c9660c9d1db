# ruff: noqa: E501  (prose: long lines of text read better unwrapped)
"""Español."""

TOPICS = {
    "anti-racism": "Antirracismo",
    "implicit-bias": "Sesgo implícito",
    "cultural-sensitivity": "Sensibilidad cultural",
    "language-access": "Acceso lingüístico",
    "safe-zone": "Safe Zone (espacio seguro LGBTQ+)",
    "ada": "ADA y accesibilidad para personas con discapacidad",
    "fair-housing": "Vivienda justa",
}

COURSE = {
    "title": "Fundamentos del antirracismo",
    "summary": (
        "El curso obligatorio de la ciudad para todo el personal. Qué es el racismo a nivel personal, "
        "institucional y estructural, cómo decisiones pasadas de la ciudad siguen determinando hoy quién "
        "recibe qué, y qué puede hacer cada persona en su propio trabajo para prestar servicios justos."
    ),
}

MODULES = {
    0: {
        "title": "Antes de empezar: ¿qué sabe ya?",
        "instructions": (
            "Esta breve prueba inicial no se califica. Le ayuda a usted y a la oficina de capacitación a ver "
            "lo que aporta el curso. Responda con sinceridad; volverá a encontrar estas preguntas al final."
        ),
    },
    1: {
        "title": "Por qué el antirracismo forma parte del servicio público",
        "body": """
<p>Cada día, el personal de la ciudad decide quién obtiene un permiso, qué calles se reparan primero, por dónde pasa una nueva línea de autobús, con qué rapidez responde un inspector y cómo se atiende una llamada al 311. Ninguna de estas decisiones menciona la raza. Sin embargo, cuando la ciudad examina sus propios datos por vecindario y por raza, aparece una y otra vez el mismo patrón: los residentes de color esperan más, pagan más y reciben menos de muchos servicios públicos, y soportan más cargas &mdash; autopistas, zonas industriales, calor y contaminación.</p>
<p>Este curso parte de una idea sencilla: <strong>un servicio público vale lo que entrega a los residentes que peor han sido atendidos</strong>. El antirracismo en el gobierno municipal no consiste en culpar a nadie ni en sentirse culpable. Es una práctica profesional: notar dónde los resultados difieren según la raza, entender cómo llegaron a diferir y cambiar las políticas y rutinas que los mantienen así.</p>
<h2>Tres niveles de racismo</h2>
<p>Conviene distinguir tres niveles, porque cada uno requiere una respuesta distinta:</p>
<ul>
<li><strong>El racismo interpersonal</strong> ocurre entre personas: un insulto, un chiste, un residente tratado con sospecha en una ventanilla. Los códigos de conducta y los procedimientos de queja lo abordan.</li>
<li><strong>El racismo institucional</strong> vive dentro de las políticas y prácticas de una organización: un requisito de contratación que no es necesario para el puesto pero descarta a muchos solicitantes de color, o una práctica de inspección que depende de las quejas de unos vecindarios y no de otros.</li>
<li><strong>El racismo estructural</strong> es la manera en que muchas instituciones &mdash; vivienda, crédito, escuelas, policía, transporte, salud &mdash; se refuerzan entre sí, de modo que las desventajas se acumulan de generación en generación aunque las reglas de cada institución parezcan neutrales.</li>
</ul>
<p>La mayoría de las desigualdades que una ciudad puede cambiar son institucionales y estructurales. Por eso este curso dedica más tiempo a las políticas y los procesos que a las actitudes individuales.</p>
<h2>Cómo el pasado aparece en los datos de hoy</h2>
<p>En la década de 1930, mapas federales clasificaron los vecindarios según el riesgo para conceder hipotecas. Las zonas donde vivían familias negras e inmigrantes se marcaron en rojo y se calificaron de peligrosas; los bancos siguieron esos mapas durante décadas. Después, las ciudades ubicaron autopistas, vertederos e industria pesada en muchos de esos mismos vecindarios, y los códigos de zonificación protegieron a otros de ellos. Aquellas decisiones eran legales en su momento y estaban redactadas en un lenguaje de apariencia neutral. Hoy esos mismos vecindarios suelen tener menos árboles en las calles, veranos más calurosos, más asma y viviendas de menor valor. Cuando un programa actual reparte fondos según el valor de las propiedades o responde a quejas, puede transmitir esa historia sin que nadie lo note.</p>
<h2>Qué significa esto para su trabajo</h2>
<p>No hace falta diseñar políticas para marcar la diferencia. Cualquiera puede hacerse unas cuantas preguntas sobre su propio trabajo: <em>¿A quién beneficia nuestra forma de hacer esto? ¿A quién perjudica? ¿Quién falta en la sala o en nuestros datos? ¿Cómo sabríamos si nuestro servicio funciona peor para algunos residentes?</em> El resto del curso le ofrece vocabulario, un video corto sobre cómo funcionan estos patrones y la oportunidad de reflexionar sobre su propia área de trabajo.</p>
""",
    },
    2: {
        "title": "Términos clave que usamos en la ciudad",
        "body": """
<p>Compartir palabras hace posible compartir el trabajo. Estas definiciones son las que usa la ciudad en su plan de equidad; encontrará el glosario completo en el centro de recursos.</p>
<dl>
<dt>Raza</dt><dd>Una categoría social y política, no biológica. Su significado ha sido creado y modificado por leyes y costumbres, y tiene efectos muy reales en la vida de las personas.</dd>
<dt>Equidad racial</dt><dd>Una situación en la que la raza ya no predice cómo le va a alguien y los resultados mejoran para todas las personas. En la práctica, significa cerrar brechas elevando a quienes están más rezagados.</dd>
<dt>Equidad e igualdad</dt><dd>La igualdad da a todas las personas lo mismo. La equidad da a cada persona lo que necesita para alcanzar resultados justos, reconociendo que parten de lugares distintos.</dd>
<dt>Antirracismo</dt><dd>Identificar y cambiar activamente las políticas, prácticas y actitudes que producen desigualdad racial, en lugar de limitarse a evitar los prejuicios personales.</dd>
<dt>Datos desagregados</dt><dd>Datos desglosados por grupo (por ejemplo, por raza, origen étnico, idioma o vecindario), que revelan brechas que los promedios ocultan. La ciudad solo publica estos datos de forma agregada y omite los grupos pequeños para proteger la privacidad.</dd>
<dt>Microagresión</dt><dd>Un comentario o acto cotidiano, a menudo involuntario, que transmite un mensaje negativo a alguien por el grupo al que pertenece &mdash; por ejemplo, felicitar a un colega nacido en Estados Unidos por lo bien que habla inglés.</dd>
</dl>
<p>El lenguaje cambia con el tiempo, y no todas las comunidades usan los mismos términos. Ante la duda, use los términos con los que las personas se nombran a sí mismas y acepte que le corrijan.</p>
""",
    },
    3: {
        "title": "Video: cómo reglas neutrales pueden producir resultados desiguales",
        "narration": [
            (
                "Narrador",
                "Le damos la bienvenida. En los próximos minutos veremos un programa de la ciudad y lo seguiremos desde una decisión hasta un resultado.",
            ),
            (
                "Narrador",
                "Imagine un programa de reparación de aceras. Para ser justa, la ciudad repara las aceras en el orden en que llegan las quejas.",
            ),
            ("Narrador", "Nadie menciona la raza. Cualquier residente puede llamar al 311. Parece neutral."),
            (
                "Narrador",
                "Ahora fíjese de dónde vienen las quejas. Los residentes que pueden tomarse tiempo libre en el trabajo, que hablan inglés y que confían en que la ciudad responderá llaman con más frecuencia.",
            ),
            (
                "Narrador",
                "Al cabo de cinco años, el mapa de aceras reparadas se parece mucho a un mapa de ingresos y de raza de la ciudad.",
            ),
            (
                "Narrador",
                "Los vecindarios con las aceras más viejas, con muchas personas mayores y muchas personas que usan silla de ruedas, quedan al final de la fila.",
            ),
            (
                "María Chávez, planificadora de Obras Públicas",
                "Cuando trazamos nuestras reparaciones por sector censal, sinceramente nos sorprendimos. Nunca nos habíamos preguntado quién no llamaba.",
            ),
            (
                "María Chávez, planificadora de Obras Públicas",
                "Cambiamos el programa para que la mitad del presupuesto se destine a una evaluación del estado de las aceras que hacen nuestras propias cuadrillas, calle por calle, empezando donde la necesidad es mayor.",
            ),
            (
                "Narrador",
                "A esto nos referimos con racismo institucional. Nadie tenía intención de hacer daño, pero las reglas produjeron resultados desiguales, y el patrón siguió las líneas trazadas hace décadas.",
            ),
            (
                "Narrador",
                "La solución no fue tratar mal a nadie. Fue hacer mejores preguntas: quién se beneficia, quién soporta las cargas y quién falta en nuestros datos.",
            ),
            (
                "Narrador",
                "Mientras avanza en el curso, piense en un programa de su propio trabajo que dependa de que los residentes acudan a nosotros. ¿Quién podría no acudir nunca?",
            ),
        ],
    },
    4: {
        "title": "Comprobación de conocimientos: niveles de racismo",
        "instructions": "Cuatro preguntas rápidas para comprobar lo que ha entendido. Puede intentarlo tantas veces como quiera.",
    },
    5: {
        "title": "Reflexión: un programa de su trabajo",
        "prompt": (
            "Piense en un servicio, una norma o una rutina de su propio trabajo. ¿Quién lo usa más, y a quién "
            "podría resultarle difícil acceder o perjudicarle? ¿Qué necesitaría saber (datos, conversaciones "
            "con residentes o compañeros) para averiguar si funciona igual de bien para residentes de todas "
            "las razas e idiomas? Su reflexión es privada: solo usted puede leerla."
        ),
    },
    6: {
        "title": "Evaluación final",
        "instructions": (
            "Responda las seis preguntas. Necesita un 80 % para completar el curso y tiene tres intentos. "
            "Cada respuesta viene con una explicación."
        ),
    },
}

QUESTIONS = [
    {
        "text": "¿Qué afirmación describe mejor el racismo estructural?",
        "explanation": "El racismo estructural se refiere a cómo las políticas, prácticas e instituciones interactúan para producir resultados desiguales según la raza, aunque ninguna persona del sistema tenga intención de hacer daño.",
        "choices": [
            "Personas que tienen creencias prejuiciosas sobre otras.",
            "La manera en que muchas instituciones, políticas y prácticas, en conjunto, producen y mantienen desigualdades raciales, sea cual sea la intención de cada persona.",
            "Los insultos racistas y los delitos de odio.",
            "Un problema que terminó con las leyes de derechos civiles de los años sesenta.",
        ],
    },
    {
        "text": "¿Cuál es la diferencia entre igualdad y equidad?",
        "explanation": "La igualdad da a todas las personas lo mismo. La equidad se pregunta qué necesita cada grupo para alcanzar un resultado justo, porque las personas parten de lugares distintos creados por la historia y las políticas.",
        "choices": [
            "No hay diferencia; son dos palabras para la misma idea.",
            "Igualdad significa dar a todas las personas los mismos recursos; equidad significa resultados justos, que pueden requerir apoyos distintos.",
            "Equidad significa rebajar las exigencias para algunos grupos.",
            "Igualdad es un término jurídico y equidad, uno financiero.",
        ],
    },
    {
        "text": "En la década de 1930, los mapas federales de la Home Owners' Loan Corporation clasificaron los vecindarios según su riesgo crediticio. ¿Qué usaron sobre todo para marcar una zona como «peligrosa» (en rojo)?",
        "explanation": "Los mapas marcaron como peligrosos los vecindarios donde vivían residentes negros e inmigrantes. Los préstamos siguieron los mapas, y las brechas de riqueza que ayudaron a crear siguen viéndose en el valor de las propiedades, los árboles y la salud de muchas ciudades.",
        "choices": [
            "Solo la antigüedad de las casas.",
            "La presencia de residentes negros y de familias inmigrantes.",
            "La distancia al centro de la ciudad.",
            "El riesgo de inundación.",
        ],
    },
    {
        "text": "Una política de la ciudad está redactada igual para todas las personas, pero los datos muestran que provoca muchos más cortes de servicio en dos vecindarios de población mayoritariamente negra y latina. ¿Cuál es el mejor primer paso?",
        "explanation": "Una redacción neutral no garantiza resultados justos. Desagregar los datos, preguntar a las personas afectadas y examinar cómo funciona la política es la forma en que un departamento encuentra y corrige la causa.",
        "choices": [
            "Nada: la política trata a todas las personas por igual, así que no puede ser injusta.",
            "Examinar los datos y los pasos de la política junto con los residentes afectados para descubrir qué provoca la brecha.",
            "Dejar de recopilar datos por raza para que la brecha ya no aparezca en los informes.",
            "Pedir a los residentes de esos vecindarios que tengan más cuidado.",
        ],
    },
    {
        "text": "Un compañero dice: «Yo no veo colores, trato a todo el mundo igual». ¿Qué respuesta refleja este curso?",
        "explanation": "Ignorar el color de la piel puede tener buena intención, pero dificulta notar cuándo los sistemas tratan de forma distinta a distintos grupos. Notar la raza es lo que permite encontrar y corregir resultados injustos.",
        "choices": [
            "Estar de acuerdo: no notar la raza es el objetivo del antirracismo.",
            "Reconocer la buena intención y explicar que notar la raza nos ayuda a ver y corregir resultados desiguales.",
            "Denunciar al compañero ante Recursos Humanos.",
            "No decir nada: el tema es demasiado delicado para el trabajo.",
        ],
    },
    {
        "text": "¿Cuál de estos es un ejemplo de racismo institucional y no de racismo interpersonal?",
        "explanation": "El racismo interpersonal ocurre entre personas. El racismo institucional vive en las reglas y rutinas de una organización, como un requisito de contratación que descarta de forma desigual a solicitantes cualificados sin ser necesario para el puesto.",
        "choices": [
            "Un residente que grita un insulto racista a un conductor de autobús.",
            "Un requisito para un puesto, que no es necesario para el trabajo, y que descarta a muchos más solicitantes de color.",
            "Un chiste contado en una fiesta del personal.",
            "Una persona que se siente incómoda entre desconocidos.",
        ],
    },
    {
        "text": "En el video de las aceras, ¿por qué las reparaciones acabaron concentradas en algunos vecindarios?",
        "explanation": "Un sistema basado en quejas favorece a los residentes con más posibilidades de quejarse. La regla era neutral; sus resultados no lo eran.",
        "choices": [
            "Las cuadrillas preferían trabajar en esos vecindarios.",
            "Las reparaciones seguían a las quejas, y los residentes con más tiempo, más inglés y más confianza llamaban con más frecuencia.",
            "Las aceras de otros vecindarios estaban en mejor estado.",
            "Se recortó el presupuesto.",
        ],
    },
    {
        "text": "¿Qué pregunta es más útil al revisar un programa desde la perspectiva de la equidad racial?",
        "explanation": "Preguntar a quién perjudica y quién falta revela efectos que los propios registros de un programa no muestran.",
        "choices": [
            "¿Cómo podemos gastar menos?",
            "¿Quién se beneficia, quién soporta las cargas y quién falta en nuestros datos?",
            "¿Se ha quejado alguien?",
            "¿Qué hicimos el año pasado?",
        ],
    },
    {
        "text": "Una colega de una familia vietnamita estadounidense nació en la ciudad. Un gerente le dice: «¡Su inglés es excelente!». Esto es un ejemplo de:",
        "explanation": "El comentario supone que la colega es extranjera por su aspecto. Es una microagresión, aunque se dijera como un cumplido.",
        "choices": [
            "Un cumplido inofensivo.",
            "Una microagresión: sugiere que la colega no es de aquí.",
            "Racismo estructural.",
            "Acceso lingüístico.",
        ],
    },
]

PAGES = {
    # Home page
    "Common Ground is where city employees learn together about anti-racism, equity and inclusion: the mandatory Foundations of Anti-Racism course, monthly trainings open to everyone, workshops for teams, reading circles and a resource hub you can use in your daily work.": "Common Ground es el lugar donde el personal de la ciudad aprende en conjunto sobre antirracismo, equidad e inclusión: el curso obligatorio Fundamentos del antirracismo, capacitaciones mensuales abiertas a todas las personas, talleres para equipos, círculos de lectura y un centro de recursos para su trabajo diario.",
    "The site works in English, Spanish, Vietnamese, Chinese and Arabic, and every video comes with captions and a transcript. If something does not work for you, tell us and we will fix it.": "El sitio funciona en inglés, español, vietnamita, chino y árabe, y todos los videos tienen subtítulos y transcripción. Si algo no le funciona, díganoslo y lo arreglaremos.",
    "How it works": "Cómo funciona",
    '<b>Mandatory learning</b>: every employee completes Foundations of Anti-Racism within 90 days of starting, and again every two years. Your assignments and due dates are on <a id="a1">My learning</a>.': '<b>Formación obligatoria</b>: todo el personal completa Fundamentos del antirracismo en los 90 días siguientes a su incorporación, y de nuevo cada dos años. Sus asignaciones y fechas límite están en <a id="a1">Mi aprendizaje</a>.',
    "<b>Monthly trainings</b>: open sessions on implicit bias, language access, Safe Zone, ADA and fair housing, in person and online. Register on the Sessions page.": "<b>Capacitaciones mensuales</b>: sesiones abiertas sobre sesgo implícito, acceso lingüístico, Safe Zone, ADA y vivienda justa, presenciales y en línea. Inscríbase en la página de Sesiones.",
    "<b>For teams</b>: department heads can request a targeted training for their team.": "<b>Para equipos</b>: las jefaturas de departamento pueden solicitar una capacitación específica para su equipo.",
    "<b>Certificates</b>: you get a certificate for each completed course; anyone can verify it.": "<b>Certificados</b>: recibe un certificado por cada curso completado; cualquier persona puede verificarlo.",
    "Need an accommodation or another language?": "¿Necesita una adaptación u otro idioma?",
    'Ask for an interpreter, captioning, large print or any other accommodation when you register for a session, or write to the Office of Equity and Inclusion at <a id="a1">equity@city.example</a>. There is never a cost to you.': 'Pida un intérprete, subtitulado, letra grande o cualquier otra adaptación al inscribirse en una sesión, o escriba a la Oficina de Equidad e Inclusión en <a id="a1">equity@city.example</a>. Nunca tiene costo para usted.',
    # Course catalogue
    "Courses": "Cursos",
    "courses": "cursos",
    "Self-paced courses you can take at your desk, workshops with colleagues, and reading circles. Filter by topic or format. Log in to enrol; your progress is saved as you go.": "Cursos a su propio ritmo que puede hacer desde su puesto, talleres con colegas y círculos de lectura. Filtre por tema o formato. Inicie sesión para inscribirse; su avance se guarda sobre la marcha.",
    # Course page
    "Foundations of Anti-Racism": "Fundamentos del antirracismo",
    "foundations-of-anti-racism": "fundamentos-del-antirracismo",
    "Who takes this course": "Quién hace este curso",
    "Every city employee, within 90 days of starting and every two years after. It takes about an hour and a half, and you can stop and resume at any time.": "Todo el personal de la ciudad, en los 90 días siguientes a su incorporación y después cada dos años. Dura aproximadamente una hora y media, y puede interrumpirlo y retomarlo en cualquier momento.",
    "What you will be able to do": "Qué podrá hacer",
    "Explain the difference between interpersonal, institutional and structural racism.": "Explicar la diferencia entre racismo interpersonal, institucional y estructural.",
    "Recognise how neutral-sounding rules can produce unequal results.": "Reconocer cómo reglas de apariencia neutral pueden producir resultados desiguales.",
    "Ask three questions of any programme: who benefits, who is burdened, who is missing.": "Hacer tres preguntas a cualquier programa: quién se beneficia, quién soporta las cargas, quién falta.",
}
