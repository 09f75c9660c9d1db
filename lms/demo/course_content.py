# ruff: noqa: E501  (prose: long lines of text read better unwrapped)
"""Demo course content written for Common Ground: real, careful text, not placeholders.

Data only; `lms.demo.courses.seed` turns it into rows. Video captions (WebVTT) and transcripts are both
built from the same narration, so they always agree.
"""

TOPICS = [
    ("anti-racism", "Anti-racism"),
    ("implicit-bias", "Implicit bias"),
    ("cultural-sensitivity", "Cultural sensitivity"),
    ("language-access", "Language access"),
    ("safe-zone", "Safe Zone"),
    ("ada", "ADA and disability access"),
    ("fair-housing", "Fair housing"),
]

VIDEO_HOST = "https://video.city.example/equity"

# Pre-tests and post-tests of a course share a bank of questions, so that the difference between
# the two measures what was learned.
FOUNDATIONS_BANK = [
    {
        "text": "Which statement best describes structural racism?",
        "explanation": (
            "Structural racism is about how policies, practices and institutions interact to produce "
            "unequal outcomes by race, even when no single person in the system intends harm."
        ),
        "choices": [
            ("Individual people who hold prejudiced beliefs about others.", False),
            (
                "The way many institutions, policies and practices together produce and keep up racial "
                "inequities, whatever any one person intends.",
                True,
            ),
            ("Racist slurs and hate crimes.", False),
            ("A problem that ended with the civil rights laws of the 1960s.", False),
        ],
    },
    {
        "text": "What is the difference between equality and equity?",
        "explanation": (
            "Equality gives everyone the same thing. Equity asks what each group needs to reach a fair "
            "outcome, because people start from different places that history and policy created."
        ),
        "choices": [
            ("There is no difference; they are two words for the same idea.", False),
            (
                "Equality means giving everyone the same resources; equity means fair outcomes, which can need different support.",
                True,
            ),
            ("Equity means lowering standards for some groups.", False),
            ("Equality is a legal term and equity is a financial one.", False),
        ],
    },
    {
        "text": 'In the 1930s, federal Home Owners\' Loan Corporation maps graded neighbourhoods for lending risk. What did they mostly use to mark an area "hazardous" (red)?',
        "explanation": (
            "The maps marked neighbourhoods where Black residents and immigrants lived as hazardous. "
            "Lending followed the maps, and the wealth gaps they helped create are still visible in many "
            "cities' property values, tree cover and health outcomes."
        ),
        "choices": [
            ("The age of the houses only.", False),
            ("The presence of Black residents and immigrant families.", True),
            ("The distance from the city centre.", False),
            ("Flood risk.", False),
        ],
    },
    {
        "text": "A city policy is written the same way for everyone, but data show it leads to far more shut-offs in two neighbourhoods that are mostly Black and Latino. What is the best first step?",
        "explanation": (
            "Neutral wording does not guarantee fair results. Disaggregating the data, asking the people "
            "affected and examining the policy's mechanics is how a department finds and fixes the cause."
        ),
        "choices": [
            ("Nothing: the policy treats everyone the same, so it cannot be unfair.", False),
            ("Examine the data and the policy's steps with the affected residents to find what drives the gap.", True),
            ("Stop collecting data by race so the gap is no longer reported.", False),
            ("Ask the residents of those neighbourhoods to be more careful.", False),
        ],
    },
    {
        "text": 'A co-worker says: "I don\'t see colour, I treat everyone the same." Which response reflects this course?',
        "explanation": (
            "Colour-blindness can be well meant, but it makes it harder to notice when systems treat groups "
            "differently. Noticing race is what makes it possible to find and fix unfair outcomes."
        ),
        "choices": [
            ("Agree: not noticing race is the goal of anti-racism.", False),
            (
                "Acknowledge the good intention, and explain that noticing race helps us see and fix unequal outcomes.",
                True,
            ),
            ("Report the co-worker to Human Resources.", False),
            ("Say nothing: the topic is too sensitive for work.", False),
        ],
    },
    {
        "text": "Which of these is an example of institutional racism rather than interpersonal racism?",
        "explanation": (
            "Interpersonal racism happens between people. Institutional racism lives in an organisation's "
            "rules and routines, such as a hiring requirement that screens out qualified applicants "
            "unevenly without being needed for the job."
        ),
        "choices": [
            ("A resident shouting a slur at a bus driver.", False),
            ("A job requirement, not needed for the work, that screens out far more applicants of colour.", True),
            ("A joke told at a staff party.", False),
            ("A person feeling uneasy around strangers.", False),
        ],
    },
]


def _bank(bank, *indexes):
    return [bank[i] for i in indexes]


IMPLICIT_BIAS_BANK = [
    {
        "text": "What is implicit bias?",
        "explanation": (
            "Implicit biases are associations our brains make automatically, often without our awareness. "
            "They can differ from the values we hold and still shape quick decisions."
        ),
        "choices": [
            ("A prejudice that a person knows about and openly states.", False),
            ("Automatic associations about groups of people that can affect judgement without our awareness.", True),
            ("A legal term for discrimination proven in court.", False),
            ("Something only some people have.", False),
        ],
    },
    {
        "text": "In a well-known 2004 field study, identical résumés were sent to employers with different names. What happened?",
        "explanation": (
            "Résumés with names commonly given to white babies received about 50 percent more callbacks "
            "than identical résumés with names commonly given to Black babies (Bertrand and Mullainathan)."
        ),
        "choices": [
            ("The names made no difference.", False),
            (
                "Résumés with white-sounding names got about 50% more callbacks than identical ones with Black-sounding names.",
                True,
            ),
            ("Employers called back only applicants with the most experience.", False),
            ("Résumés with unusual names were called back more often.", False),
        ],
    },
    {
        "text": "When is implicit bias most likely to influence a decision?",
        "explanation": (
            "Bias has the most room when we are rushed, tired, under stress, or deciding without clear "
            "criteria. Slowing down and using agreed criteria reduce its effect."
        ),
        "choices": [
            ("When we have plenty of time and clear written criteria.", False),
            ("When we are rushed, tired or stressed, or the criteria are vague.", True),
            ("Only when we are angry.", False),
            ("Never at work, only in private life.", False),
        ],
    },
    {
        "text": "Which practice most reliably reduces the effect of bias in interviews?",
        "explanation": (
            "Structured interviews, where every candidate answers the same job-related questions scored "
            "against criteria agreed beforehand, are fairer and better at predicting performance."
        ),
        "choices": [
            ("Trusting your first impression of the candidate.", False),
            (
                "Asking each candidate the same job-related questions and scoring them against criteria agreed beforehand.",
                True,
            ),
            ('Hiring the person who would be the best "culture fit".', False),
            ("Letting one experienced person decide alone.", False),
        ],
    },
    {
        "text": "You realise you assumed that a resident with an accent would not understand the permit process. What is the most useful response?",
        "explanation": (
            "Noticing an assumption is the first step. Checking it, offering help without presuming, and "
            "adjusting your routine (for example, offering an interpreter to everyone) turns awareness "
            "into fairer service."
        ),
        "choices": [
            ("Feel guilty and avoid serving residents with accents.", False),
            (
                "Notice the assumption, ask the resident how you can help, and offer the same options you offer everyone.",
                True,
            ),
            ("Speak louder and more slowly.", False),
            ("Ignore it; assumptions do not matter if you are polite.", False),
        ],
    },
]

LANGUAGE_ACCESS_QUESTIONS = [
    {
        "text": "Which federal law is the main basis for a city's duty to serve residents with limited English proficiency?",
        "explanation": (
            "Title VI of the Civil Rights Act of 1964 prohibits discrimination based on national origin in "
            "programmes that receive federal funds; courts and federal agencies read it to require "
            "meaningful access for people with limited English proficiency."
        ),
        "choices": [
            ("Title VI of the Civil Rights Act of 1964.", True),
            ("The Fair Labor Standards Act.", False),
            ("The Freedom of Information Act.", False),
            ("There is no such duty in federal law.", False),
        ],
    },
    {
        "text": "A resident comes to the counter with her 11-year-old son and asks him to interpret a notice about a utility shut-off. What should you do?",
        "explanation": (
            "Children should not interpret, especially for important or sensitive matters: accuracy, "
            "privacy and the child's wellbeing are all at risk. Offer a qualified interpreter at no cost, "
            "for example through the telephone interpreting line."
        ),
        "choices": [
            ("Let the child interpret; it is faster.", False),
            ("Offer a qualified interpreter at no cost, such as the phone interpreting line.", True),
            ("Ask her to come back with an adult who speaks English.", False),
            ("Hand her the English notice and point to the important parts.", False),
        ],
    },
    {
        "text": 'What is an "I speak" card used for?',
        "explanation": (
            'An "I speak" card lists a sentence in many languages ("Point to your language. An '
            'interpreter will be called.") so a resident can show which language they need.'
        ),
        "choices": [
            ("To test an employee's language skills.", False),
            ("To let a resident point to their language so the right interpreter can be called.", True),
            ("To replace interpreters for short conversations.", False),
            ("To record a resident's immigration status.", False),
        ],
    },
    {
        "text": 'Which document is most likely a "vital document" that should be translated?',
        "explanation": (
            "Vital documents affect access to services, rights or deadlines: notices of eligibility, "
            "shut-off or eviction notices, consent forms, complaint forms. A newsletter is useful but "
            "rarely vital."
        ),
        "choices": [
            ("A notice that water service will be shut off for non-payment.", True),
            ("A staff newsletter.", False),
            ("An internal budget spreadsheet.", False),
            ("A poster for a staff picnic.", False),
        ],
    },
    {
        "text": "An employee who speaks some Spanish offers to interpret at a public hearing. What should the department check first?",
        "explanation": (
            "Speaking a language is not the same as interpreting. Interpreters need tested proficiency in "
            "both languages, training in interpreting and ethics (accuracy, impartiality, confidentiality), "
            "and knowledge of the terms used."
        ),
        "choices": [
            ("Nothing; any bilingual employee can interpret.", False),
            ("Whether the employee has been assessed and trained as an interpreter for this kind of setting.", True),
            ("Whether the employee is available on weekends.", False),
            ("Whether the audience will mind.", False),
        ],
    },
]

ADVANCING_BANK = [
    {
        "text": "What does a racial equity toolkit ask a team to do first?",
        "explanation": (
            "The first step is to state the proposal and the desired results for the community, including "
            "racial equity outcomes, so the rest of the analysis has something to measure against."
        ),
        "choices": [
            ("Write the press release.", False),
            (
                "Describe the proposal and the results it should achieve for the community, including racial equity outcomes.",
                True,
            ),
            ("Choose a vendor.", False),
            ("Decide the budget.", False),
        ],
    },
    {
        "text": "Why does the city disaggregate data by race and ethnicity?",
        "explanation": (
            "Averages hide gaps. Disaggregated data show which groups a service is failing. They are "
            "handled under strict rules: reported only as aggregates, with small groups suppressed so no "
            "person can be identified."
        ),
        "choices": [
            ("To judge individual employees or residents.", False),
            ("To see gaps that citywide averages hide, under strict privacy rules.", True),
            ("Because federal law requires publishing every person's race.", False),
            ("To rank neighbourhoods from best to worst.", False),
        ],
    },
    {
        "text": "A department plans to engage the community on a new park. Which approach best reflects racial equity practice?",
        "explanation": (
            "Engagement that shares power meets people where they are, in their languages, at times they "
            "can attend, compensates their time, and shows how their input changed the decision."
        ),
        "choices": [
            ("One weekday 2 p.m. meeting at City Hall, in English.", False),
            (
                "Meetings in the neighbourhood at varied times, with interpretation and childcare, and a report back on what changed.",
                True,
            ),
            ("An online survey only.", False),
            ("Asking the usual advisory board.", False),
        ],
    },
    {
        "text": "Which is an example of a result (population-level) rather than a performance measure?",
        "explanation": (
            "Results describe conditions for a whole population, such as the gap in asthma "
            "hospitalisations by race. Performance measures describe a programme's own work."
        ),
        "choices": [
            ("Number of outreach flyers distributed.", False),
            (
                "The difference in childhood asthma hospitalisation rates between Black and white children in the city.",
                True,
            ),
            ("Number of staff trained.", False),
            ("Hours the clinic was open.", False),
        ],
    },
    {
        "text": "After a racial equity analysis, a team finds its proposal would burden a neighbourhood already facing displacement. What is the accountable next step?",
        "explanation": (
            "The point of the analysis is to change decisions. The team revises the proposal or adds "
            "mitigations with the community, and documents and reports how the burden was addressed."
        ),
        "choices": [
            ("Go ahead as planned; the analysis is only advisory.", False),
            ("Revise the proposal or add mitigations with residents, and report publicly on what changed.", True),
            ("Keep the analysis internal to avoid controversy.", False),
            ("Repeat the analysis with different data until the burden disappears.", False),
        ],
    },
]


def _transcript(narration):
    return "\n\n".join(f"{speaker}: {text}" if speaker else text for speaker, text in narration)


COURSES = [
    {
        "slug": "foundations-of-anti-racism",
        "title": "Foundations of Anti-Racism",
        "summary": (
            "The city's mandatory course for every employee. What racism is at the personal, institutional "
            "and structural levels, how past city decisions still shape who gets what today, and what "
            "each of us can do in our own job to deliver fair services."
        ),
        "format": "self_paced",
        "minutes": 90,
        "topics": ["anti-racism", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "quiz",
                "title": "Before you start: what do you already know?",
                "quiz_kind": "pre_test",
                "pass_mark": 0,
                "instructions": (
                    "This short pre-test is not graded. It helps you and the training office see what the "
                    "course adds. Answer honestly; you will meet these questions again at the end."
                ),
                "questions": _bank(FOUNDATIONS_BANK, 0, 1, 3, 4),
            },
            {
                "kind": "reading",
                "title": "Why anti-racism is part of public service",
                "body": """
<p>Every day, city employees decide who gets a permit, which streets are repaired first, where a new bus line runs, how fast an inspector responds and how a call to 311 is answered. None of these decisions mentions race. Yet when the city looks at its own data by neighbourhood and by race, the same pattern appears again and again: residents of colour wait longer, pay more and receive less from many public services, and they carry more of the burdens &mdash; highways, industrial zoning, heat and pollution.</p>
<p>This course starts from a simple idea: <strong>a public service is only as good as what it delivers to the residents who have been served worst</strong>. Anti-racism in city government is not about blaming individuals or feeling guilty. It is a professional practice: noticing where outcomes differ by race, understanding how they came to differ, and changing the policies and routines that keep them that way.</p>
<h2>Three levels of racism</h2>
<p>It helps to separate three levels, because each needs a different response:</p>
<ul>
<li><strong>Interpersonal racism</strong> happens between people: a slur, a joke, a resident treated with suspicion at a counter. Codes of conduct and complaint processes address it.</li>
<li><strong>Institutional racism</strong> lives inside one organisation's policies and practices: a hiring requirement that is not needed for the job but screens out many applicants of colour, or an enforcement practice that relies on complaints from some neighbourhoods and not others.</li>
<li><strong>Structural racism</strong> is the way many institutions &mdash; housing, lending, schools, policing, transport, health &mdash; reinforce each other, so that disadvantage accumulates across generations even when each institution's rules look neutral.</li>
</ul>
<p>Most of the inequities a city can change are institutional and structural. That is why this course spends more time on policies and processes than on individual attitudes.</p>
<h2>How the past shows up in today's data</h2>
<p>In the 1930s, federal maps graded neighbourhoods for mortgage lending. Areas where Black families and immigrants lived were outlined in red and labelled hazardous; banks followed the maps for decades. Cities then placed highways, landfills and heavy industry in many of the same neighbourhoods, and zoning codes protected others from them. Those decisions were legal at the time and written in neutral-sounding language. Today the same neighbourhoods often have fewer street trees, hotter summers, higher asthma rates and lower home values. When a present-day programme distributes money by property values or responds to complaints, it can quietly pass that history forward.</p>
<h2>What this means for your job</h2>
<p>You do not need to be a policy-maker to make a difference. Everyone can ask a few questions of their own work: <em>Who benefits from the way we do this? Who is burdened? Who is missing from the room or from our data? How would we know if our service worked worse for some residents?</em> The rest of this course gives you vocabulary, a short video about how these patterns work, and a chance to reflect on your own area of work.</p>
""",
            },
            {
                "kind": "reading",
                "title": "Key terms we use in the city",
                "body": """
<p>Shared words make shared work possible. These definitions are the ones the city uses in its equity plan; you will find the full glossary in the resource hub.</p>
<dl>
<dt>Race</dt><dd>A social and political category, not a biological one. Its meaning has been created and changed by laws and customs, and it has very real effects on people's lives.</dd>
<dt>Racial equity</dt><dd>A state in which race no longer predicts how someone fares, and outcomes improve for everyone. In practice it means closing gaps by lifting up those furthest behind.</dd>
<dt>Equity and equality</dt><dd>Equality gives everyone the same thing. Equity gives people what they need to reach fair outcomes, recognising that they start from different places.</dd>
<dt>Anti-racism</dt><dd>Actively identifying and changing the policies, practices and attitudes that produce racial inequity, rather than only avoiding personal prejudice.</dd>
<dt>Disaggregated data</dt><dd>Data broken down by group (for example by race, ethnicity, language or neighbourhood), which reveals gaps that averages hide. The city reports such data only in aggregate and suppresses small groups to protect privacy.</dd>
<dt>Microaggression</dt><dd>An everyday comment or action, often unintentional, that communicates a negative message to someone because of a group they belong to &mdash; for example, complimenting a U.S.-born colleague on their English.</dd>
</dl>
<p>Language changes over time, and communities do not all use the same terms. When in doubt, use the terms people use for themselves and be open to correction.</p>
""",
            },
            {
                "kind": "video",
                "title": "Video: How neutral rules can produce unequal results",
                "url": f"{VIDEO_HOST}/foundations-neutral-rules.mp4",
                "minutes": 6,
                "narration": [
                    (
                        "Narrator",
                        "Welcome. In the next few minutes we will look at one city programme and follow it from a decision to a result.",
                    ),
                    (
                        "Narrator",
                        "Imagine a sidewalk repair programme. To be fair, the city repairs sidewalks in the order that complaints arrive.",
                    ),
                    ("Narrator", "Nobody mentions race. Every resident can call 311. It sounds neutral."),
                    (
                        "Narrator",
                        "Now look at where the complaints come from. Residents who have time off work, who speak English, and who trust that the city will respond, call more often.",
                    ),
                    (
                        "Narrator",
                        "After five years, the map of repaired sidewalks looks very much like a map of income and race in the city.",
                    ),
                    (
                        "Narrator",
                        "Neighbourhoods with the oldest sidewalks, many older residents and many people who use wheelchairs, are at the back of the line.",
                    ),
                    (
                        "Maria Chávez, Public Works planner",
                        "When we mapped our repairs by census tract, we were honestly surprised. We had never asked who was not calling.",
                    ),
                    (
                        "Maria Chávez, Public Works planner",
                        "We changed the programme so that half of the budget goes to a condition survey that our own crews do, street by street, starting where the need is greatest.",
                    ),
                    (
                        "Narrator",
                        "This is what we mean by institutional racism. No one intended harm, but the rules produced unequal results, and the pattern followed the lines drawn decades ago.",
                    ),
                    (
                        "Narrator",
                        "The fix was not to treat anyone badly. It was to ask better questions: who benefits, who is burdened, and who is missing from our data.",
                    ),
                    (
                        "Narrator",
                        "As you go through the rest of the course, think of one programme in your own work that depends on residents coming to us. Who might never come?",
                    ),
                ],
            },
            {
                "kind": "quiz",
                "title": "Knowledge check: levels of racism",
                "quiz_kind": "knowledge_check",
                "pass_mark": 75,
                "instructions": "Four quick questions to check your understanding. You can try again as often as you like.",
                "questions": [
                    FOUNDATIONS_BANK[5],
                    {
                        "text": "In the sidewalk video, why did repairs end up concentrated in some neighbourhoods?",
                        "explanation": (
                            "A complaint-driven system rewards the residents most able to complain. The "
                            "rule was neutral; its results were not."
                        ),
                        "choices": [
                            ("Crews preferred to work in those neighbourhoods.", False),
                            (
                                "Repairs followed complaints, and residents with more time, English and trust called more often.",
                                True,
                            ),
                            ("Sidewalks in other neighbourhoods were in better condition.", False),
                            ("The budget was cut.", False),
                        ],
                    },
                    {
                        "text": "Which question is most useful when reviewing a programme for racial equity?",
                        "explanation": "Asking who is burdened and who is missing reveals effects that a programme's own records do not show.",
                        "choices": [
                            ("How can we spend less?", False),
                            ("Who benefits, who is burdened, and who is missing from our data?", True),
                            ("Has anyone complained?", False),
                            ("What did we do last year?", False),
                        ],
                    },
                    {
                        "text": 'A colleague from a Vietnamese American family was born in the city. A manager says, "Your English is excellent!" This is an example of:',
                        "explanation": (
                            "The comment assumes the colleague is foreign because of how they look. It is "
                            "a microaggression, even though it was meant as a compliment."
                        ),
                        "choices": [
                            ("A harmless compliment.", False),
                            ("A microaggression: it suggests the colleague is not from here.", True),
                            ("Structural racism.", False),
                            ("Language access.", False),
                        ],
                    },
                ],
            },
            {
                "kind": "reflection",
                "title": "Reflection: one programme in your work",
                "prompt": (
                    "Think of one service, rule or routine in your own job. Who uses it most, and who might "
                    "find it hard to reach or be burdened by it? What would you need to know (data, "
                    "conversations with residents or co-workers) to find out whether it works equally well "
                    "for residents of every race and language? Your reflection is private: only you can read it."
                ),
                "min_length": 300,
            },
            {
                "kind": "quiz",
                "title": "Final check",
                "quiz_kind": "post_test",
                "pass_mark": 80,
                "attempt_limit": 3,
                "instructions": (
                    "Answer all six questions. You need 80% to complete the course, and you have three "
                    "attempts. Each answer comes with an explanation."
                ),
                "questions": FOUNDATIONS_BANK,
            },
        ],
    },
    {
        "slug": "understanding-implicit-bias",
        "title": "Understanding Implicit Bias",
        "summary": (
            "How automatic associations shape quick judgements, what the research does and does not show, "
            "and practical habits — structured decisions, clear criteria, slowing down — that "
            "reduce bias in hiring, inspections, enforcement and customer service."
        ),
        "format": "self_paced",
        "minutes": 60,
        "topics": ["implicit-bias", "anti-racism"],
        "modules": [
            {
                "kind": "quiz",
                "title": "Pre-test",
                "quiz_kind": "pre_test",
                "pass_mark": 0,
                "instructions": "Not graded: a starting point to compare with the final check.",
                "questions": _bank(IMPLICIT_BIAS_BANK, 0, 2, 3, 4),
            },
            {
                "kind": "reading",
                "title": "What implicit bias is, and what it is not",
                "body": """
<p>Our brains make millions of quick associations to get through the day. Over a lifetime of news, films, neighbourhoods and conversations, we also absorb associations about groups of people: who is likely to be dangerous, competent, a leader, a rule-breaker. <strong>Implicit bias</strong> is the name for these automatic associations when they influence how we perceive and treat people, often without our noticing.</p>
<p>Three points matter for our work:</p>
<ul>
<li><strong>Everyone has them.</strong> Implicit associations are not a sign of bad character. People can hold associations that contradict their own values, including about their own group.</li>
<li><strong>They matter most in fast, ambiguous decisions.</strong> When we are tired, rushed, stressed, or deciding without clear criteria, we lean on shortcuts. That is when bias has the most room.</li>
<li><strong>Awareness alone is not enough.</strong> Research suggests that one-off trainings rarely change associations for long. What reliably helps is changing the <em>conditions</em> of decisions: clear criteria set in advance, structured processes, time to think, and data that show whether outcomes differ.</li>
</ul>
<h2>What the evidence shows</h2>
<p>In a well-known field experiment published in 2004, researchers sent thousands of fictitious résumés to real job ads in Boston and Chicago. The résumés were identical except for the names. Those with names commonly given to white babies received about 50 percent more callbacks than those with names commonly given to Black babies. Similar studies have found gaps in rental housing responses, medical pain treatment and many other settings.</p>
<p>You may have heard of the Implicit Association Test (IAT), which measures how quickly people pair concepts. It is a useful tool for noticing associations, but researchers debate how well an individual's score predicts that person's behaviour. We do not use it to label anyone. We use the broader body of research to design fairer processes.</p>
<h2>Where it shows up in city work</h2>
<p>Think about the moments in your job when you make a quick judgement: which application gets a closer look, which caller seems difficult, which property gets a follow-up inspection, which candidate seems like a &ldquo;good fit&rdquo;, whose concern at a public meeting sounds credible. These are the moments to slow down and check.</p>
""",
            },
            {
                "kind": "video",
                "title": "Video: Slowing down a fast decision",
                "url": f"{VIDEO_HOST}/implicit-bias-slowing-down.mp4",
                "minutes": 5,
                "narration": [
                    (
                        "Narrator",
                        "A code enforcement officer has twelve complaints to follow up today and time for eight.",
                    ),
                    (
                        "Narrator",
                        "How does she choose? Often, by a feeling about which properties are likely to be real problems.",
                    ),
                    (
                        "DeShawn Miller, code enforcement supervisor",
                        "We looked at a year of our follow-ups. Officers were much more likely to choose properties with renters and with Spanish surnames on the complaint.",
                    ),
                    (
                        "DeShawn Miller, code enforcement supervisor",
                        "Nobody was doing it on purpose. Everyone was doing their best with too little time.",
                    ),
                    (
                        "Narrator",
                        "The team wrote down what actually makes a complaint urgent: a risk to health or safety, children in the home, a repeat complaint, how long it has waited.",
                    ),
                    (
                        "Narrator",
                        "Now the day's list is sorted by those criteria first. Officers can still use judgement, but they write down why when they depart from the order.",
                    ),
                    (
                        "DeShawn Miller, code enforcement supervisor",
                        "The gap in follow-ups shrank within three months. And officers told us the day felt less arbitrary.",
                    ),
                    (
                        "Narrator",
                        "The lesson is not that people are bad. It is that decisions made quickly, without criteria, let bias in. Decide the criteria before you see the cases.",
                    ),
                    (
                        "Narrator",
                        "Other habits help too: pause before a judgement about a person, ask what you would do if the person belonged to a different group, and look at your results by group from time to time.",
                    ),
                ],
            },
            {
                "kind": "quiz",
                "title": "Knowledge check: reducing bias in decisions",
                "quiz_kind": "knowledge_check",
                "pass_mark": 75,
                "instructions": "Check your understanding of the reading and the video.",
                "questions": [
                    IMPLICIT_BIAS_BANK[1],
                    {
                        "text": "In the video, what change reduced the gap in follow-up inspections?",
                        "explanation": "Criteria agreed in advance and written reasons for exceptions limited the room for bias.",
                        "choices": [
                            ("Hiring more officers.", False),
                            (
                                "Sorting cases by urgency criteria agreed in advance, and noting reasons for exceptions.",
                                True,
                            ),
                            ("Following up only anonymous complaints.", False),
                            ("Letting each officer choose freely.", False),
                        ],
                    },
                    {
                        "text": "What does research suggest about the Implicit Association Test (IAT)?",
                        "explanation": (
                            "The IAT can help people notice associations, but an individual score is not a "
                            "reliable predictor of that person's behaviour, so it should never be used to "
                            "label or screen people."
                        ),
                        "choices": [
                            ("It reliably predicts how a person will behave.", False),
                            (
                                "It can help people notice associations, but one person's score should not be used to label them.",
                                True,
                            ),
                            ("It measures intelligence.", False),
                            ("It proves who is racist.", False),
                        ],
                    },
                    {
                        "text": 'Which is a "perspective-taking" check you can use in the moment?',
                        "explanation": "Asking whether you would decide the same way for a person of another group helps expose an assumption.",
                        "choices": [
                            (
                                '"Would I make the same call if this person were of a different race, age or accent?"',
                                True,
                            ),
                            ('"What is the fastest way to close this case?"', False),
                            ('"What did my colleague decide last time?"', False),
                            ('"Does this person seem like me?"', False),
                        ],
                    },
                ],
            },
            {
                "kind": "reflection",
                "title": "Reflection: a quick judgement",
                "prompt": (
                    "Describe a moment in your work when you make a quick judgement about a person or a case "
                    "(for example, who needs a closer look, who seems difficult, who seems like a good fit). "
                    "What information do you rely on in that moment? What criteria could you set in advance, "
                    "or what pause could you build in, to make that judgement fairer? This is private to you."
                ),
                "min_length": 250,
            },
            {
                "kind": "quiz",
                "title": "Final check",
                "quiz_kind": "post_test",
                "pass_mark": 80,
                "attempt_limit": 3,
                "instructions": "Five questions. You need 80% to complete the course.",
                "questions": IMPLICIT_BIAS_BANK,
            },
        ],
    },
    {
        "slug": "language-access-in-city-services",
        "title": "Language Access in City Services",
        "summary": (
            "Your duties and tools for serving residents who speak limited English: when and how to "
            "offer a qualified interpreter, which documents must be translated, how to use the telephone "
            'interpreting line and "I speak" cards, and how to plan multilingual public meetings.'
        ),
        "format": "self_paced",
        "minutes": 60,
        "topics": ["language-access", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "reading",
                "title": "Meaningful access: the rules and the reasons",
                "body": """
<p>About one in five residents of our city speaks a language other than English at home, and many of them speak English less than &ldquo;very well&rdquo;. For them, a letter about a water shut-off, a building inspection or a court date can be impossible to act on. Language access means that residents with <strong>limited English proficiency (LEP)</strong> can use city services, understand their rights and take part in decisions as fully as English speakers.</p>
<h2>The legal basis</h2>
<p>Title VI of the Civil Rights Act of 1964 prohibits discrimination on the basis of national origin in any programme that receives federal funds &mdash; which includes nearly every city department. In <em>Lau v. Nichols</em> (1974) the Supreme Court held that failing to provide language help can be national-origin discrimination, and Executive Order 13166 (2000) asks federally funded programmes to provide meaningful access. The city's own language access policy goes further and sets the practices below.</p>
<h2>What the city's policy asks of every employee</h2>
<ul>
<li><strong>Offer language help at no cost, proactively.</strong> Do not wait for a resident to ask. Offer an interpreter as soon as you notice the resident may prefer another language.</li>
<li><strong>Use qualified interpreters.</strong> Use the telephone or video interpreting line, or a city-certified bilingual employee. Do not rely on children, and avoid relying on family or friends except in emergencies or when the resident insists after being offered a free interpreter &mdash; and even then, not for complex or sensitive matters.</li>
<li><strong>Translate vital documents.</strong> Notices that affect rights, benefits, deadlines or safety, application and complaint forms, and consent forms are translated into the city's top languages. For other languages, include a tagline telling readers how to get free help.</li>
<li><strong>Record the preferred language</strong> in the case or customer record, so the next contact starts in the right language.</li>
</ul>
<h2>Working with an interpreter</h2>
<p>Speak directly to the resident, not to the interpreter (&ldquo;What is your address?&rdquo;, not &ldquo;Ask her what her address is&rdquo;). Speak in short segments and pause. Avoid jargon and acronyms. At the end, check understanding by asking the resident to tell you, in their own words, what happens next. Plan for the conversation to take about twice as long.</p>
<h2>Plain language is part of language access</h2>
<p>Translations of dense, legalistic text are hard for everyone. Write in plain language first: short sentences, common words, the most important information first, and clear next steps. Plain English is also easier for English speakers with low literacy, for people with cognitive disabilities and for people reading under stress.</p>
""",
            },
            {
                "kind": "video",
                "title": "Video: A counter conversation with a telephone interpreter",
                "url": f"{VIDEO_HOST}/language-access-counter.mp4",
                "minutes": 7,
                "narration": [
                    (
                        "Narrator",
                        "A resident arrives at the permits counter holding a stop-work notice. She speaks a few words of English.",
                    ),
                    ("Clerk", "Good morning. I'd like to help you. Which language do you prefer?"),
                    ("Narrator", 'The clerk shows the "I speak" card. The resident points to Vietnamese.'),
                    ("Clerk", "Thank you. I'm calling an interpreter now. There is no cost to you."),
                    (
                        "Narrator",
                        "The clerk dials the interpreting line, enters the department's code, and asks for Vietnamese.",
                    ),
                    ("Interpreter", "This is interpreter number 4417, Vietnamese. How can I help?"),
                    (
                        "Clerk",
                        "Thank you. I'm at the city permits counter with a resident about a stop-work notice. I'll speak to her directly.",
                    ),
                    (
                        "Clerk",
                        "You received this notice because the work on your garage needs a permit. The work can continue once the permit is issued.",
                    ),
                    (
                        "Narrator",
                        'The clerk speaks in short segments and waits for the interpretation. She avoids abbreviations like "SWO" and "C of O".',
                    ),
                    ("Clerk", "Can you tell me, in your own words, what the next step is?"),
                    (
                        "Resident, through the interpreter",
                        "I need to bring the drawings of the garage and fill out the application, and then my contractor can keep working.",
                    ),
                    (
                        "Clerk",
                        "That's right. I will give you the application in Vietnamese, and I'm writing your preferred language in your file so the inspector can bring an interpreter too.",
                    ),
                    (
                        "Narrator",
                        "The whole conversation took nine minutes. Without an interpreter, the resident would likely have left with a notice she could not act on, and the work might have stopped for weeks.",
                    ),
                ],
            },
            {
                "kind": "quiz",
                "title": "Knowledge check: when and how to offer an interpreter",
                "quiz_kind": "knowledge_check",
                "pass_mark": 75,
                "instructions": "Four questions on everyday situations.",
                "questions": _bank(LANGUAGE_ACCESS_QUESTIONS, 1, 2, 3, 4),
            },
            {
                "kind": "reflection",
                "title": "Reflection: your service in another language",
                "prompt": (
                    "Imagine a resident who speaks only Arabic, Spanish, Vietnamese or Chinese trying to use "
                    "the service you work on, from the first letter or web page to the final result. Where "
                    "would they get stuck? What is one change you could make or propose (a translated notice, "
                    "a recorded preferred language, a plain-language rewrite) that would help them? Private to you."
                ),
                "min_length": 250,
            },
            {
                "kind": "quiz",
                "title": "Final check",
                "quiz_kind": "post_test",
                "pass_mark": 80,
                "attempt_limit": 3,
                "instructions": "Five questions. You need 80% to complete the course.",
                "questions": LANGUAGE_ACCESS_QUESTIONS,
            },
        ],
    },
    {
        "slug": "advancing-racial-equity-in-city-government",
        "title": "Advancing Racial Equity in City Government",
        "summary": (
            "A workshop with our community partners for managers, analysts and project leads: how to use "
            "the city's racial equity toolkit on a real proposal, work with disaggregated data safely, "
            "and engage the residents most affected. Includes a two-hour facilitated session."
        ),
        "format": "workshop",
        "minutes": 180,
        "topics": ["anti-racism", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "quiz",
                "title": "Pre-workshop check",
                "quiz_kind": "pre_test",
                "pass_mark": 0,
                "instructions": "Not graded. Your answers help the facilitators plan the session.",
                "questions": _bank(ADVANCING_BANK, 0, 1, 2, 3),
            },
            {
                "kind": "reading",
                "title": "The racial equity toolkit, step by step",
                "body": """
<p>A racial equity toolkit is a set of questions a team works through <em>before</em> a decision is final: a budget request, a new programme, a policy change, a capital project. The city's toolkit follows the model used by many local governments in the Government Alliance on Race and Equity, in six steps.</p>
<ol>
<li><strong>Proposal and desired results.</strong> What are we proposing, and what result do we want for the community? Name the racial equity outcome explicitly: for example, &ldquo;close the gap in tree canopy between the west-side neighbourhoods and the city average by 2035&rdquo;.</li>
<li><strong>Data.</strong> What do the data tell us about who is affected, broken down by race, ethnicity, language, income and place? What data are missing, and who could help us fill the gaps?</li>
<li><strong>Community engagement.</strong> Who is most affected, and how have they been involved? Engagement is strongest when it starts early, happens in residents' languages and neighbourhoods, pays people for their expertise, and reports back on what changed.</li>
<li><strong>Analysis and strategies.</strong> Who would benefit and who would be burdened? What are the unintended consequences? What strategies would increase benefits and reduce harm for the communities furthest behind?</li>
<li><strong>Implementation.</strong> Is the plan realistic, funded and staffed? Who is responsible for each step?</li>
<li><strong>Accountability and communication.</strong> How will we measure whether it worked, for whom, and report the results publicly?</li>
</ol>
<h2>Results and performance measures</h2>
<p>Keep two kinds of measures apart. <strong>Results</strong> describe conditions for a whole population (the asthma hospitalisation rate of Black children in the city); no department controls them alone. <strong>Performance measures</strong> describe a programme's work (homes weatherised, residents reached in their language) and how well it was done. A good toolkit links the two: how does our work contribute to the result?</p>
<h2>Handling race and ethnicity data responsibly</h2>
<p>Disaggregated data are essential, and they are sensitive. The city's data framework requires that race and ethnicity data are collected voluntarily with the option to decline, used only for the stated purpose, reported only as aggregates, and that small groups (fewer than ten people by default) are suppressed along with any cell that would let someone work them out. No report may show an individual's race to anyone but that person.</p>
""",
            },
            {
                "kind": "video",
                "title": "Video: A toolkit in practice — the west-side tree canopy",
                "url": f"{VIDEO_HOST}/advancing-tree-canopy.mp4",
                "minutes": 8,
                "narration": [
                    (
                        "Narrator",
                        "Parks and Recreation planned to plant three thousand trees over five years. The first draft gave each council district the same number.",
                    ),
                    (
                        "Aisha Rahman, urban forestry lead",
                        "Equal sounded fair. But when we ran the toolkit, the canopy data told a different story.",
                    ),
                    (
                        "Aisha Rahman, urban forestry lead",
                        "The west-side neighbourhoods, which were redlined in the 1930s, have about half the tree cover of the rest of the city, and summer surface temperatures up to eight degrees hotter.",
                    ),
                    (
                        "Narrator",
                        "The team met residents at the community centre, with Spanish and Vietnamese interpretation and childcare, on a Saturday morning.",
                    ),
                    (
                        "Resident",
                        "We want trees. But last time, new trees died because nobody watered them, and the renters got blamed.",
                    ),
                    (
                        "Aisha Rahman, urban forestry lead",
                        "That changed our plan. We moved most of the planting to the west side and paid a youth crew from the neighbourhood to water for three summers.",
                    ),
                    (
                        "Narrator",
                        "Residents also worried that greener streets would raise rents. The team worked with Housing to pair the plantings with tenant protections and outreach.",
                    ),
                    (
                        "Narrator",
                        "The toolkit did not make the decision for them. It made sure the right questions were asked, by the right people, before the money was spent.",
                    ),
                    (
                        "Aisha Rahman, urban forestry lead",
                        "We report survival rates and canopy by neighbourhood every year, in four languages. That's our accountability.",
                    ),
                ],
            },
            {
                "kind": "live",
                "title": "Workshop session: apply the toolkit to your proposal",
                "description": (
                    "A facilitated two-hour session run with our community partners. Bring a real "
                    "proposal from your work (a budget request, a programme change, a project). In small "
                    "groups you will work through the six steps, practise reading disaggregated data, and "
                    "plan how to engage the residents most affected. Sessions are offered monthly, in "
                    "person and online; interpretation and accommodations are available on request."
                ),
                "required": 1,
            },
            {
                "kind": "reflection",
                "title": "Reflection: your next step",
                "prompt": (
                    "After the workshop, describe the proposal you worked on. Which step of the toolkit "
                    "changed your thinking most, and why? Name one concrete thing you will do in the next "
                    "three months (a data request, a conversation with residents, a change to the proposal) "
                    "and what might get in the way. Private to you."
                ),
                "min_length": 300,
            },
            {
                "kind": "quiz",
                "title": "Final check",
                "quiz_kind": "post_test",
                "pass_mark": 80,
                "attempt_limit": 3,
                "instructions": "Five questions. You need 80% to complete the workshop.",
                "questions": ADVANCING_BANK,
            },
        ],
    },
    {
        "slug": "safe-zone-lgbtq-inclusion",
        "title": "Safe Zone: LGBTQ+ Inclusion at Work",
        "summary": (
            "A Safe Zone workshop: shared vocabulary about sexual orientation and gender identity, your "
            "rights and duties under the law and city policy, using names and pronouns, and how to be a "
            "visible, reliable ally to colleagues and residents."
        ),
        "format": "workshop",
        "minutes": 210,
        "topics": ["safe-zone", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "reading",
                "title": "Words, rights and respect",
                "body": """
<p>LGBTQ+ employees and residents often decide, every day, whether it is safe to be themselves: whether to mention a partner, correct a wrong pronoun or report harassment. A Safe Zone is a place, and a person, that makes that decision easier. This workshop prepares you to be that person.</p>
<h2>Four different things</h2>
<ul>
<li><strong>Sexual orientation</strong> is about whom a person is attracted to (for example gay, lesbian, bisexual, straight, asexual).</li>
<li><strong>Gender identity</strong> is a person's internal sense of their own gender (for example woman, man, non-binary). A transgender person's gender identity differs from the sex they were assigned at birth; a cisgender person's does not.</li>
<li><strong>Gender expression</strong> is how a person presents gender through clothing, voice or behaviour.</li>
<li><strong>Sex assigned at birth</strong> is the label given at birth, usually based on anatomy.</li>
</ul>
<p>These are independent: knowing one tells you nothing certain about the others.</p>
<h2>The law and city policy</h2>
<p>In <em>Bostock v. Clayton County</em> (2020), the U.S. Supreme Court held that firing someone for being gay or transgender is sex discrimination under Title VII of the Civil Rights Act. City policy prohibits discrimination and harassment based on sexual orientation, gender identity and gender expression, and allows employees to use the name and pronouns they use in daily life in city systems, badges and e-mail.</p>
<h2>Names and pronouns</h2>
<p>Use the name and pronouns a person asks you to use. If you are not sure, you can share your own (&ldquo;I'm Sam, I use he/him&rdquo;) and let others share if they wish &mdash; but never require it. If you make a mistake, correct yourself briefly and move on (&ldquo;She &mdash; sorry, they &mdash; said&hellip;&rdquo;); a long apology puts the person on the spot. Never share someone's gender identity or sexual orientation without their permission: &ldquo;outing&rdquo; someone can put their safety at risk.</p>
""",
            },
            {
                "kind": "quiz",
                "title": "Knowledge check",
                "quiz_kind": "knowledge_check",
                "pass_mark": 75,
                "instructions": "Four questions before the live session.",
                "questions": [
                    {
                        "text": "Which statement is accurate?",
                        "explanation": "Sexual orientation and gender identity are separate: a transgender person may be gay, straight, bisexual or any orientation.",
                        "choices": [
                            ("Gender identity and sexual orientation are the same thing.", False),
                            (
                                "Gender identity and sexual orientation are separate; one does not tell you the other.",
                                True,
                            ),
                            ("All transgender people are gay.", False),
                            ("Gender expression always matches gender identity.", False),
                        ],
                    },
                    {
                        "text": "You call a colleague by the wrong pronoun in a meeting. What is the best response?",
                        "explanation": "A brief correction shows respect without drawing attention; a long apology makes the moment about you.",
                        "choices": [
                            ("Ignore it; correcting draws attention.", False),
                            ("Correct yourself briefly and continue.", True),
                            ("Apologise at length in front of everyone.", False),
                            ("Ask the colleague to explain their identity to the group.", False),
                        ],
                    },
                    {
                        "text": "A colleague tells you in confidence that they are transgender. Another co-worker asks you whether it is true. What do you do?",
                        "explanation": "Only the person decides who knows. Sharing it without permission (outing) can put their safety and job at risk.",
                        "choices": [
                            ("Confirm it; it is not a secret if you know.", False),
                            ("Do not share it; it is their information to share.", True),
                            ("Tell the supervisor so they are prepared.", False),
                            ("Ask the colleague to make an announcement.", False),
                        ],
                    },
                    {
                        "text": "What did the Supreme Court decide in Bostock v. Clayton County (2020)?",
                        "explanation": "The Court held that discrimination because a person is gay or transgender is discrimination because of sex under Title VII.",
                        "choices": [
                            ("Employers may fire employees for being transgender.", False),
                            (
                                "Firing someone for being gay or transgender is sex discrimination under Title VII.",
                                True,
                            ),
                            ("Same-sex marriage is legal nationwide.", False),
                            ("Title VII does not apply to cities.", False),
                        ],
                    },
                ],
            },
            {
                "kind": "live",
                "title": "Safe Zone workshop session",
                "description": (
                    "A three-hour interactive session led by trained facilitators from the Office of Equity "
                    "and Inclusion and a community partner. Scenarios from city workplaces and public "
                    "counters, practice conversations, and a Q&A. Participants who complete the workshop "
                    "receive a Safe Zone sign to display if they choose."
                ),
                "required": 1,
            },
            {
                "kind": "reflection",
                "title": "Reflection: being a visible ally",
                "prompt": (
                    "What is one thing in your workplace (a form, a habit in meetings, a joke that goes "
                    "unchallenged, a restroom sign) that might make an LGBTQ+ colleague or resident feel "
                    "unwelcome? What could you do, or ask for, to change it? Private to you."
                ),
                "min_length": 200,
            },
        ],
    },
    {
        "slug": "ada-and-accessible-city-services",
        "title": "ADA and Accessible City Services",
        "summary": (
            "What Title II of the Americans with Disabilities Act requires of the city, and how to put it "
            "into practice: effective communication, reasonable modifications, service animals, "
            "accessible events and accessible digital content."
        ),
        "format": "self_paced",
        "minutes": 45,
        "topics": ["ada", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "reading",
                "title": "Title II in everyday city work",
                "body": """
<p>About one in four adults in the United States lives with a disability. Title II of the Americans with Disabilities Act (1990) requires state and local governments to give people with disabilities an equal opportunity to benefit from all of their programmes, services and activities &mdash; from a public hearing to a parks programme to the city website.</p>
<h2>Effective communication</h2>
<p>The city must communicate as effectively with people with disabilities as with others. That can mean a sign language interpreter, real-time captioning (CART), large print, Braille, an accessible electronic document, or simply writing notes back and forth for a short exchange. <strong>Give primary consideration to the aid the person asks for</strong>: they know what works for them. The city bears the cost.</p>
<h2>Reasonable modifications</h2>
<p>Change a policy, practice or procedure when needed to avoid discrimination, unless it would fundamentally alter the programme. Examples: letting someone who cannot stand in line wait seated and be called; allowing a support person into an appointment; extending a deadline when a disability caused the delay.</p>
<h2>Service animals</h2>
<p>A service animal is a dog (or, in some cases, a miniature horse) individually trained to do work or perform tasks for a person with a disability. When it is not obvious what the animal does, staff may ask only two questions: <em>Is the animal required because of a disability?</em> and <em>What work or task has it been trained to perform?</em> Do not ask about the person's disability, or for papers, or for a demonstration.</p>
<h2>Digital accessibility</h2>
<p>A 2024 U.S. Department of Justice rule sets WCAG 2.1 level AA as the technical standard for state and local government websites and mobile apps, with compliance dates in 2026 and 2027 depending on population size. In practice: headings and lists that structure a page, text alternatives for images, captions for videos, documents that work with screen readers, enough colour contrast, and forms that can be used with a keyboard alone.</p>
""",
            },
            {
                "kind": "quiz",
                "title": "Final check",
                "quiz_kind": "post_test",
                "pass_mark": 80,
                "attempt_limit": 3,
                "instructions": "Five questions. You need 80% to complete the course.",
                "questions": [
                    {
                        "text": "A Deaf resident requests an ASL interpreter for a public hearing. Who pays?",
                        "explanation": "Under Title II the city provides auxiliary aids and services at no cost to the person.",
                        "choices": [
                            ("The resident.", False),
                            ("The city.", True),
                            ("The resident and the city share the cost.", False),
                            ("Nobody; the resident can read the minutes later.", False),
                        ],
                    },
                    {
                        "text": "A visitor comes in with a dog, and it is not obvious what the dog does. Which question may staff ask?",
                        "explanation": "Staff may ask only whether the dog is required because of a disability and what work or task it is trained to perform.",
                        "choices": [
                            ('"What is your disability?"', False),
                            ('"What work or task has the dog been trained to perform?"', True),
                            ('"Can I see the dog\'s certification?"', False),
                            ('"Can the dog show me what it does?"', False),
                        ],
                    },
                    {
                        "text": "A resident asks for a document in large print, but the department prefers to send an audio recording. What should guide the choice?",
                        "explanation": "The city gives primary consideration to the aid the person requests, unless another equally effective option is agreed.",
                        "choices": [
                            ("Whatever is cheapest.", False),
                            ("The resident's request gets primary consideration.", True),
                            ("The department's usual practice.", False),
                            ("The format most residents prefer.", False),
                        ],
                    },
                    {
                        "text": "Which is an example of a reasonable modification?",
                        "explanation": "Changing how a service is delivered so a person with a disability can use it, without fundamentally altering it, is a reasonable modification.",
                        "choices": [
                            (
                                "Letting a person who cannot stand for long wait seated and be called when it is their turn.",
                                True,
                            ),
                            ("Refusing service to anyone who cannot use the online form.", False),
                            ("Charging a fee for a ramp.", False),
                            ("Moving a meeting to a second-floor room without a lift.", False),
                        ],
                    },
                    {
                        "text": "Which technical standard does the 2024 DOJ rule set for city websites?",
                        "explanation": "The rule adopts the Web Content Accessibility Guidelines (WCAG) 2.1, level AA.",
                        "choices": [
                            ("WCAG 2.1 level AA.", True),
                            ("Any standard the city chooses.", False),
                            ("No standard; websites are not covered.", False),
                            ("WCAG 1.0 level A.", False),
                        ],
                    },
                ],
            },
            {
                "kind": "reflection",
                "title": "Reflection: one barrier you can remove",
                "prompt": (
                    "Walk through your service as a resident who is blind, Deaf, uses a wheelchair, or has a "
                    "cognitive disability. Where is the first barrier they would meet (a step, a PDF, a phone-only "
                    "line, a video without captions)? What would it take to remove it? Private to you."
                ),
                "min_length": 200,
            },
        ],
    },
    {
        "slug": "fair-housing-basics",
        "title": "Fair Housing Basics",
        "summary": (
            "A short introduction for staff who work with housing, permits, code enforcement or "
            "residents' questions: the protected classes under the Fair Housing Act, what discrimination "
            "looks like, and where to refer a resident."
        ),
        "format": "self_paced",
        "minutes": 30,
        "topics": ["fair-housing", "anti-racism"],
        "modules": [
            {
                "kind": "reading",
                "title": "The Fair Housing Act in brief",
                "body": """
<p>The federal Fair Housing Act (1968), passed one week after the assassination of Dr. Martin Luther King Jr., makes it illegal to discriminate in renting, selling, lending, insuring or advertising housing because of <strong>race, colour, religion, national origin, sex, familial status (households with children under 18, or pregnant) or disability</strong>. State and local laws add more protected characteristics, such as source of income in some places.</p>
<h2>What discrimination can look like</h2>
<ul>
<li>Telling a Black caller an apartment is taken and then showing it to a white caller.</li>
<li>An advertisement that says &ldquo;ideal for a single professional&rdquo; or &ldquo;no children&rdquo;.</li>
<li>Refusing a tenant's request for an accessible parking space or for a support animal needed because of a disability (a reasonable accommodation), or to let them install a grab bar at their own cost (a reasonable modification).</li>
<li>Harassing a tenant because of their religion or national origin.</li>
<li>Lending or insurance practices that charge more, or lend less, in neighbourhoods of colour.</li>
</ul>
<h2>The city's role</h2>
<p>Cities that receive federal housing funds must also take meaningful actions to overcome patterns of segregation and to foster inclusive communities. For most employees, the practical duty is simpler: treat every resident's housing question the same way, and <strong>refer possible discrimination</strong> to the city's fair housing office or to HUD's complaint line. Complaints to HUD must generally be filed within one year of the last incident.</p>
""",
            },
            {
                "kind": "quiz",
                "title": "Knowledge check",
                "quiz_kind": "knowledge_check",
                "pass_mark": 75,
                "instructions": "Four questions. You can try as often as you like.",
                "questions": [
                    {
                        "text": "Which of these is a protected class under the federal Fair Housing Act?",
                        "explanation": "Familial status (households with children under 18) is one of the seven federal protected classes.",
                        "choices": [
                            ("Familial status (having children under 18).", True),
                            ("Credit score.", False),
                            ("Occupation.", False),
                            ("Political party.", False),
                        ],
                    },
                    {
                        "text": 'A rental listing says "perfect for a mature couple, no kids". Is that a problem?',
                        "explanation": "Advertising a preference against households with children is discrimination based on familial status.",
                        "choices": [
                            ("No, landlords can describe their ideal tenant.", False),
                            ("Yes: it states a preference based on familial status.", True),
                            ("Only if the unit is public housing.", False),
                            ("Only if a family complains.", False),
                        ],
                    },
                    {
                        "text": "A tenant with a disability asks the landlord for a parking space close to the entrance. This is a request for:",
                        "explanation": "A change in rules or services needed because of a disability is a reasonable accommodation.",
                        "choices": [
                            ("A reasonable accommodation.", True),
                            ("Special treatment the landlord may always refuse.", False),
                            ("A code violation.", False),
                            ("A fair housing complaint.", False),
                        ],
                    },
                    {
                        "text": "A resident tells you at the permits counter that a landlord refused to rent to her after hearing her accent. What should you do?",
                        "explanation": "This may be national-origin discrimination. Give her the fair housing office's contact details and the HUD complaint information, in her language.",
                        "choices": [
                            ("Tell her it is a private matter.", False),
                            (
                                "Refer her to the city's fair housing office and HUD's complaint line, in her language.",
                                True,
                            ),
                            ("Call the landlord yourself.", False),
                            ("Suggest she look elsewhere.", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "reading-circle-so-you-want-to-talk-about-race",
        "title": "Reading Circle: So You Want to Talk About Race",
        "summary": (
            'A six-meeting book group on Ijeoma Oluo\'s "So You Want to Talk About Race" (2018). '
            "Colleagues from across departments read a few chapters between meetings and talk about them "
            "in a facilitated, confidential circle. Attend at least four of the six meetings to complete."
        ),
        "format": "reading_circle",
        "minutes": 540,
        "topics": ["anti-racism", "cultural-sensitivity"],
        "modules": [
            {
                "kind": "reading",
                "title": "About the book and the circle",
                "body": """
<p>In <em>So You Want to Talk About Race</em>, writer Ijeoma Oluo takes questions that many people are afraid to ask and answers them directly, drawing on her own experience as a Black woman in Seattle and on history and research. Each chapter is built around a question, such as whether a problem is &ldquo;really about race&rdquo;, what privilege is, what intersectionality means, why police brutality and the school-to-prison pipeline are racial justice issues, what the &ldquo;model minority&rdquo; myth hides, what microaggressions are, and what to do when someone tells you that you said something racist. The book ends with a chapter on what to do beyond talking.</p>
<p>The city provides copies in print, large print, e-book and audiobook through the library. We do not reproduce the book's text; please read your own copy.</p>
<h2>How the circle works</h2>
<ul>
<li>Six weekly lunchtime meetings, an hour each, in the Main Library community room. Each meeting covers two or three chapters; a reading schedule is sent when you register. Bring your lunch.</li>
<li>Two trained facilitators guide the conversation with a few open questions. You are not expected to have finished every chapter.</li>
<li><strong>Circle agreements:</strong> speak from your own experience; listen to understand; what is said in the circle stays in the circle, what is learned may leave; expect and accept non-closure; take care of yourself and step out if you need to.</li>
<li>To complete the circle, attend at least four of the six meetings. Facilitators record attendance.</li>
</ul>
""",
            },
            {
                "kind": "live",
                "title": "Circle meetings",
                "description": (
                    "Six facilitated weekly meetings. Attend at least four to complete the reading circle. "
                    "Register for the series on the Sessions page; if you miss a week, the facilitators share "
                    "the questions discussed so you can catch up."
                ),
                "required": 4,
            },
            {
                "kind": "reflection",
                "title": "Closing reflection",
                "prompt": (
                    "Which chapter or conversation in the circle stayed with you, and why? Did it change how "
                    "you see a situation at work or in your community? Write about one conversation about "
                    "race you would now approach differently. Private to you."
                ),
                "min_length": 200,
            },
        ],
    },
]
