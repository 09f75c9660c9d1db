# ruff: noqa: E501  (prose: long lines of text read better unwrapped)
"""Demo pages of the public site: home, course pages and the resource hub. Written for Common Ground.

Page bodies use StreamField's raw form ({"type": ..., "value": ...}); `lms.demo.cms` turns files into
Wagtail documents and puts their ids where a `{"document": "<key>"}` placeholder stands.
"""

HOME_INTRO = (
    "<p>Common Ground is where city employees learn together about anti-racism, equity and "
    "inclusion: the mandatory Foundations of Anti-Racism course, monthly trainings open to everyone, "
    "workshops for teams, reading circles and a resource hub you can use in your daily work.</p>"
    "<p>The site works in English, Spanish, Vietnamese, Chinese and Arabic, and every video comes with "
    "captions and a transcript. If something does not work for you, tell us and we will fix it.</p>"
)

HOME_BODY = [
    {"type": "heading", "value": "How it works"},
    {
        "type": "paragraph",
        "value": (
            "<ul><li><b>Mandatory learning</b>: every employee completes Foundations of Anti-Racism within "
            "90 days of starting, and again every two years. Your assignments and due dates are on "
            '<a href="/learn/">My learning</a>.</li>'
            "<li><b>Monthly trainings</b>: open sessions on implicit bias, language access, Safe Zone, ADA "
            "and fair housing, in person and online. Register on the Sessions page.</li>"
            "<li><b>For teams</b>: department heads can request a targeted training for their team.</li>"
            "<li><b>Certificates</b>: you get a certificate for each completed course; anyone can verify it.</li></ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "title": "Need an accommodation or another language?",
            "text": (
                "<p>Ask for an interpreter, captioning, large print or any other accommodation when you "
                "register for a session, or write to the Office of Equity and Inclusion at "
                '<a href="mailto:equity@city.example">equity@city.example</a>. There is never a cost to you.</p>'
            ),
        },
    },
]

COURSE_INDEX_INTRO = (
    "<p>Self-paced courses you can take at your desk, workshops with colleagues, and reading circles. "
    "Filter by topic or format. Log in to enrol; your progress is saved as you go.</p>"
)

# What a course page adds to the course's own summary.
COURSE_PAGE_BODIES = {
    "foundations-of-anti-racism": [
        {"type": "heading", "value": "Who takes this course"},
        {
            "type": "paragraph",
            "value": "<p>Every city employee, within 90 days of starting and every two years after. It takes about an hour and a half, and you can stop and resume at any time.</p>",
        },
        {"type": "heading", "value": "What you will be able to do"},
        {
            "type": "paragraph",
            "value": "<ul><li>Explain the difference between interpersonal, institutional and structural racism.</li><li>Recognise how neutral-sounding rules can produce unequal results.</li><li>Ask three questions of any programme: who benefits, who is burdened, who is missing.</li></ul>",
        },
    ],
    "understanding-implicit-bias": [
        {"type": "heading", "value": "Who takes this course"},
        {
            "type": "paragraph",
            "value": "<p>Anyone who makes decisions about people: hiring panels, inspectors, front-desk and 311 staff, supervisors. Recommended after Foundations of Anti-Racism.</p>",
        },
        {
            "type": "quote",
            "value": "The point is not to feel guilty about our brains. It is to design decisions so that our brains' shortcuts matter less.",
        },
    ],
    "language-access-in-city-services": [
        {"type": "heading", "value": "Who takes this course"},
        {
            "type": "paragraph",
            "value": "<p>Everyone who talks to residents or writes to them: counters, 311, inspectors, outreach staff, communications. The course takes about an hour and uses real situations from city counters.</p>",
        },
    ],
    "advancing-racial-equity-in-city-government": [
        {"type": "heading", "value": "Who takes this workshop"},
        {
            "type": "paragraph",
            "value": "<p>Managers, analysts, planners and project leads who shape budgets, policies or projects. Offered with our community partners. Bring a real proposal from your work to the workshop session.</p>",
        },
    ],
    "safe-zone-lgbtq-inclusion": [
        {"type": "heading", "value": "Who takes this workshop"},
        {
            "type": "paragraph",
            "value": "<p>Any employee who wants to be a visible, reliable ally to LGBTQ+ colleagues and residents. Complete the short reading before the session.</p>",
        },
    ],
    "ada-and-accessible-city-services": [
        {"type": "heading", "value": "Who takes this course"},
        {
            "type": "paragraph",
            "value": "<p>Everyone who plans events, answers the public, writes documents or publishes on the web. See also the ADA checklist for public events in the resource hub.</p>",
        },
    ],
    "fair-housing-basics": [
        {"type": "heading", "value": "Who takes this course"},
        {
            "type": "paragraph",
            "value": "<p>Staff in housing, planning, permits, code enforcement and 311, and anyone residents ask about housing. Thirty minutes.</p>",
        },
    ],
    "reading-circle-so-you-want-to-talk-about-race": [
        {"type": "heading", "value": "How to join"},
        {
            "type": "paragraph",
            "value": "<p>Enrol here, then register for the next circle's meetings on the Sessions page. Copies of the book in print, large print, e-book and audiobook are available from the library.</p>",
        },
    ],
}

HUB_INTRO = (
    "<p>Guides, toolkits, checklists and a glossary for everyday equity work, written by the Office of "
    "Equity and Inclusion with city departments and community partners. Everything here is free to use "
    "and share inside and outside the city.</p>"
)

HUB_HELP = (
    "<p>Every resource can be provided in large print, Braille, audio, plain text or another language. "
    'Call 311 or write to <a href="mailto:equity@city.example">equity@city.example</a>; we answer '
    "within three working days.</p>"
)

GLOSSARY_TERMS = [
    (
        "Ally",
        "A person who uses their position to support people of a group they do not belong to, by listening, acting and taking risks alongside them, not by speaking for them.",
    ),
    (
        "Anti-racism",
        "Actively identifying and changing the policies, practices and attitudes that produce racial inequity, rather than only avoiding personal prejudice.",
    ),
    (
        "Disaggregated data",
        "Data broken down by group, such as race, ethnicity, language, disability or neighbourhood. The city reports these data only in aggregate and suppresses small groups.",
    ),
    (
        "Equity",
        "Fair access to opportunities and outcomes, which can mean giving different people different support to reach the same result.",
    ),
    (
        "Implicit bias",
        "Automatic associations about groups of people that can shape judgements and actions without our awareness.",
    ),
    (
        "Institutional racism",
        "Policies and practices within one organisation that produce unequal outcomes by race, whether or not anyone intends them to.",
    ),
    (
        "Intersectionality",
        "A term coined by Kimberlé Crenshaw for the way race, gender, disability, class and other identities combine, so that people can face overlapping forms of discrimination.",
    ),
    (
        "Limited English proficiency (LEP)",
        "Describes a person who does not speak English as their primary language and has a limited ability to read, speak, write or understand English.",
    ),
    (
        "Microaggression",
        "An everyday comment or action, often unintentional, that communicates a negative message to someone because of a group they belong to.",
    ),
    (
        "People of colour",
        "A collective term for people who are not white. Many people prefer to be named by their specific group; use the terms people use for themselves.",
    ),
    ("Racial equity", "A state in which race no longer predicts how someone fares, and outcomes improve for everyone."),
    (
        "Reasonable accommodation",
        "A change to a rule, policy, practice or service that a person with a disability needs to have equal access.",
    ),
    (
        "Redlining",
        "The practice, formalised by federal maps in the 1930s, of denying loans and services in neighbourhoods where Black residents and immigrants lived.",
    ),
    (
        "Structural racism",
        "The way many institutions, policies and practices together produce and keep up racial inequities across generations.",
    ),
    (
        "Targeted universalism",
        "Setting universal goals for everyone and using targeted strategies to reach them, based on how different groups are situated.",
    ),
    (
        "Vital document",
        "A document that affects access to services, rights, benefits or deadlines, and must be translated for residents with limited English proficiency.",
    ),
]

# Files offered for download. "kind" says how lms.demo.cms builds the file.
DOCUMENTS = {
    "glossary-csv": {
        "title": "Glossary of equity terms, spreadsheet version",
        "filename": "glossary-of-equity-terms.csv",
        "kind": "glossary_csv",
    },
    "ispeak-pdf": {
        "title": '"I speak" card for counters',
        "filename": "i-speak-card.pdf",
        "kind": "pdf",
        "heading": "Point to your language. An interpreter will be called, at no cost to you.",
        "lines": [
            "Español: Señale su idioma. Llamaremos a un intérprete sin costo para usted.",
            "Tiếng Việt: Xin chỉ vào ngôn ngữ của quý vị. Chúng tôi sẽ gọi thông dịch viên miễn phí.",
            "Français: Montrez votre langue. Un interprète sera appelé gratuitement.",
            "Kiswahili: Onyesha lugha yako. Mkalimani ataitwa bila gharama yoyote.",
            "Diné bizaad / Navajo: ask for a Navajo interpreter.",
            "Chinese, Arabic, Korean, Somali and more: ask staff for the full card.",
            "Staff: dial the interpreting line, enter your department code, and name the language.",
        ],
    },
    "interpreting-guide-txt": {
        "title": "Telephone interpreting: quick guide for staff",
        "filename": "telephone-interpreting-quick-guide.txt",
        "kind": "text",
        "text": """Telephone interpreting: quick guide for staff

1. Notice: the resident may prefer another language. Offer help at once: "Which language do you prefer?" Show the "I speak" card.
2. Call the interpreting line. Enter your department code. Say the language you need.
3. Brief the interpreter in one sentence: where you are and what the conversation is about.
4. Speak directly to the resident ("What is your address?"), in short segments. Pause for the interpretation.
5. Avoid jargon, abbreviations and idioms.
6. Check understanding: ask the resident to say in their own words what happens next.
7. Record the preferred language in the case or customer record.
8. Note the interpreter's ID number in the record.

Never ask a child to interpret. There is no cost to the resident.
""",
    },
    "ada-checklist-pdf": {
        "title": "ADA checklist for public events",
        "filename": "ada-checklist-public-events.pdf",
        "kind": "pdf",
        "heading": "ADA checklist for public events",
        "lines": [
            "Venue: step-free entrance, accessible restrooms, accessible parking and drop-off, seating with space for wheelchairs.",
            "Notice: every announcement says how to request accommodations, by when, and whom to contact.",
            "Communication: ASL interpreters and real-time captioning (CART) booked when requested; assistive listening available.",
            "Materials: slides and handouts available in advance in accessible electronic formats and large print.",
            "Presenters: describe visuals, use the microphone, repeat audience questions, avoid flashing content.",
            "Online: captions on, chat read aloud, the platform usable with a keyboard and screen reader.",
            "Service animals are welcome.",
        ],
    },
    "ada-checklist-txt": {
        "title": "ADA checklist for public events, plain-text version",
        "filename": "ada-checklist-public-events.txt",
        "kind": "text",
        "text": """ADA checklist for public events

Before: choose a venue with a step-free entrance, accessible restrooms, accessible parking and drop-off, and wheelchair seating. Put an accommodation notice in every announcement, with a contact and a date. Book ASL interpreters and real-time captioning (CART) as soon as they are requested. Prepare materials in accessible electronic formats and large print.

During: use the microphone, repeat audience questions, describe visuals, keep paths clear, welcome service animals. Online: captions on, chat read aloud.

After: share materials and the recording with captions and a transcript. Ask participants how access worked and what to improve.
""",
    },
    "equity-worksheet-txt": {
        "title": "Racial equity toolkit worksheet",
        "filename": "racial-equity-toolkit-worksheet.txt",
        "kind": "text",
        "text": """Racial equity toolkit worksheet

Step 1. Proposal and desired results. What are we proposing? What result do we want for the community? Which racial equity outcome will we name?
Step 2. Data. What do the data show, by race, ethnicity, language, income and place? What is missing? Who can help fill the gaps?
Step 3. Community engagement. Who is most affected? How have they been involved? How will we report back what changed?
Step 4. Analysis and strategies. Who benefits? Who is burdened? What are the unintended consequences? What strategies increase benefits and reduce harm for those furthest behind?
Step 5. Implementation. Is the plan realistic, funded and staffed? Who is responsible for each step?
Step 6. Accountability and communication. How will we measure success, for whom, and report publicly?
""",
    },
}

RESOURCES = [
    {
        "slug": "glossary-of-equity-terms",
        "title": "Glossary of equity terms",
        "type": "glossary",
        "topics": ["anti-racism", "implicit-bias", "cultural-sensitivity", "language-access"],
        "summary": 'Plain definitions of the words we use in the city\'s equity work, from "ally" to "vital document".',
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Shared words make shared work possible. These are the definitions the city uses in its equity plan and trainings. Language changes, and communities do not all use the same terms: when in doubt, use the words people use for themselves.</p>",
            },
            {"type": "definitions", "value": "GLOSSARY"},
        ],
        "downloads": [("glossary-csv", "Spreadsheet for translators and trainers")],
        "accessible_formats": "<p>Also available as a spreadsheet (CSV) that works with screen readers. Translations into Spanish, Vietnamese, Chinese and Arabic are available on request.</p>",
    },
    {
        "slug": "language-access-toolkit",
        "title": "Language access toolkit",
        "type": "toolkit",
        "topics": ["language-access", "cultural-sensitivity"],
        "summary": 'Everything a counter, phone line or outreach team needs to serve residents who speak limited English: the interpreting line, "I speak" cards, translated notices and taglines.',
        "body": [
            {"type": "heading", "value": "Offer help first"},
            {
                "type": "paragraph",
                "value": "<p>Residents are entitled to free language help, but many will not ask. Offer it as soon as you notice a resident may prefer another language: &ldquo;Which language do you prefer?&rdquo; Show the &ldquo;I speak&rdquo; card if needed.</p>",
            },
            {"type": "heading", "value": "Who can interpret"},
            {
                "type": "checklist",
                "value": {
                    "title": "Use",
                    "items": [
                        "The telephone or video interpreting line (every counter has the department code).",
                        "A city-certified bilingual employee, for the languages and settings they are certified for.",
                        "Scheduled in-person interpreters for hearings, meetings and long appointments.",
                    ],
                },
            },
            {
                "type": "checklist",
                "value": {
                    "title": "Avoid",
                    "items": [
                        "Children, in every case.",
                        "Family members or friends, except in an emergency or when the resident insists after being offered a free interpreter; never for complex or sensitive matters.",
                        "Machine translation for anything a resident will rely on.",
                    ],
                },
            },
            {"type": "heading", "value": "Written notices"},
            {
                "type": "paragraph",
                "value": "<p>Vital documents &mdash; notices about rights, benefits, deadlines, shut-offs or safety; applications; complaint and consent forms &mdash; are translated into the city's top languages. Every other notice carries a tagline in those languages telling readers how to get free help. Write in plain language first: it makes translation faster and better.</p>",
            },
            {
                "type": "callout",
                "value": {
                    "title": "Record the preferred language",
                    "text": "<p>Write the resident's preferred language in the case or customer record, so the next letter, call or inspection starts in the right language.</p>",
                },
            },
        ],
        "downloads": [
            ("ispeak-pdf", "Print and keep at every counter"),
            ("interpreting-guide-txt", "One-page guide, plain text"),
        ],
        "accessible_formats": "<p>The quick guide is plain text and works with any screen reader. The &ldquo;I speak&rdquo; card is available in large print on request.</p>",
    },
    {
        "slug": "guide-to-inclusive-meetings",
        "title": "A guide to inclusive meetings",
        "type": "guide",
        "topics": ["cultural-sensitivity", "ada", "language-access"],
        "summary": "How to plan and run meetings, internal or public, where everyone can take part: timing, place, language, access and who gets heard.",
        "body": [
            {"type": "heading", "value": "Before"},
            {
                "type": "checklist",
                "value": {
                    "title": "",
                    "items": [
                        "Choose a time people can attend; for public meetings, vary times and include evenings or weekends.",
                        "Meet in an accessible place near transit, or online with captions, or both.",
                        "Say in the invitation how to request interpretation or accommodations, and by when.",
                        "Share the agenda and materials in advance, in accessible formats.",
                        "Think about who is missing from the invitation list.",
                    ],
                },
            },
            {"type": "heading", "value": "During"},
            {
                "type": "checklist",
                "value": {
                    "title": "",
                    "items": [
                        "Agree on how the group will work together, and name the facilitator.",
                        "Use a microphone; repeat questions; describe what is on the screen.",
                        "Build in ways to contribute besides speaking up: rounds, small groups, written cards, the chat.",
                        "Notice who has spoken and who has not; invite, do not put people on the spot.",
                        "Avoid acronyms and insider language.",
                    ],
                },
            },
            {"type": "heading", "value": "After"},
            {
                "type": "paragraph",
                "value": "<p>Send a short summary with decisions and next steps, in the languages participants used. For community meetings, report back later on how residents' input changed the decision &mdash; or why it did not.</p>",
            },
        ],
        "downloads": [],
        "accessible_formats": "<p>Available in large print and in Spanish, Vietnamese, Chinese and Arabic on request.</p>",
    },
    {
        "slug": "ada-checklist-for-public-events",
        "title": "ADA checklist for public events",
        "type": "checklist",
        "topics": ["ada"],
        "summary": "A step-by-step checklist so that people with disabilities can attend and take part in city events, in person and online.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Title II of the Americans with Disabilities Act requires that city programmes, including events, are accessible. Planning ahead is cheaper and works better than fixing problems on the day.</p>",
            },
            {"type": "heading", "value": "Checklist"},
            {
                "type": "checklist",
                "value": {
                    "title": "Venue",
                    "items": [
                        "Step-free route from transit, parking and drop-off to the entrance and the room.",
                        "Accessible restrooms near the room.",
                        "Wheelchair spaces spread through the seating, not only at the back.",
                        "A quiet space for people who need a break.",
                    ],
                },
            },
            {
                "type": "checklist",
                "value": {
                    "title": "Notice and requests",
                    "items": [
                        "Every announcement says how to request accommodations, from whom, and by when (for example five working days before).",
                        "Requests are confirmed in writing.",
                        "ASL interpreters and real-time captioning (CART) are booked as soon as they are requested.",
                    ],
                },
            },
            {
                "type": "checklist",
                "value": {
                    "title": "On the day",
                    "items": [
                        "Presenters use the microphone and describe visuals.",
                        "Audience questions are repeated.",
                        "Service animals are welcome.",
                        "Online: captions on, chat read aloud, materials shared in accessible formats.",
                    ],
                },
            },
        ],
        "downloads": [("ada-checklist-pdf", "Printable"), ("ada-checklist-txt", "Plain text, for screen readers")],
        "accessible_formats": "<p>Plain-text version available above. Large print and Braille on request.</p>",
    },
    {
        "slug": "racial-equity-toolkit-worksheet",
        "title": "Racial equity toolkit worksheet",
        "type": "template",
        "topics": ["anti-racism"],
        "summary": "The six questions to work through before a budget request, policy or project is final, with prompts for each step.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Use this worksheet with your team, ideally with residents most affected by the decision. It is the same tool used in the workshop <em>Advancing Racial Equity in City Government</em>.</p>",
            },
            {"type": "heading", "value": "1. Proposal and desired results"},
            {
                "type": "paragraph",
                "value": "<p>What are we proposing? What result do we want for the community, and which racial equity outcome will we name?</p>",
            },
            {"type": "heading", "value": "2. Data"},
            {
                "type": "paragraph",
                "value": "<p>What do the data show by race, ethnicity, language, income and place? What is missing, and who could help fill the gaps? Follow the city's data framework: aggregates only, small groups suppressed.</p>",
            },
            {"type": "heading", "value": "3. Community engagement"},
            {
                "type": "paragraph",
                "value": "<p>Who is most affected, and how have they been involved? How will you report back what changed?</p>",
            },
            {"type": "heading", "value": "4. Analysis and strategies"},
            {
                "type": "paragraph",
                "value": "<p>Who benefits and who is burdened? What are the unintended consequences? What would increase benefits and reduce harm for those furthest behind?</p>",
            },
            {"type": "heading", "value": "5. Implementation"},
            {
                "type": "paragraph",
                "value": "<p>Is the plan realistic, funded and staffed? Who is responsible for each step?</p>",
            },
            {"type": "heading", "value": "6. Accountability and communication"},
            {
                "type": "paragraph",
                "value": "<p>How will you measure whether it worked, and for whom? How and when will you report publicly?</p>",
            },
        ],
        "downloads": [("equity-worksheet-txt", "Plain text to copy into your own document")],
        "accessible_formats": "<p>Plain-text version above; other formats on request.</p>",
    },
    {
        "slug": "talking-about-race-at-work",
        "title": "Talking about race at work: a guide for supervisors",
        "type": "guide",
        "topics": ["anti-racism", "cultural-sensitivity"],
        "summary": "How to open, hold and follow up on conversations about race with your team, including after a difficult event in the news or in the workplace.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Many supervisors avoid talking about race for fear of saying the wrong thing. Silence, though, sends its own message. These practices help you have the conversation well.</p>",
            },
            {"type": "heading", "value": "Prepare"},
            {
                "type": "paragraph",
                "value": "<p>Reflect on your own experience and assumptions first. Decide the purpose of the conversation. Never expect employees of colour to educate the group or to speak for their community.</p>",
            },
            {"type": "heading", "value": "Open the space"},
            {
                "type": "paragraph",
                "value": "<p>Agree on a few ground rules: speak for yourself, listen to understand, confidentiality about personal stories. Make participation optional. Acknowledge that people come with different experiences and levels of comfort.</p>",
            },
            {"type": "heading", "value": "When it gets hard"},
            {
                "type": "paragraph",
                "value": "<p>Discomfort is normal and often where learning happens; harm is not. If someone is hurt, pause, acknowledge it, and restate the agreements. If you make a mistake, say so, apologise briefly, and continue.</p>",
            },
            {"type": "heading", "value": "Follow up"},
            {
                "type": "paragraph",
                "value": "<p>Conversations should lead somewhere: a change in how the team works, a training, a data review. Remind people of the Employee Assistance Program and of how to report discrimination.</p>",
            },
        ],
        "downloads": [],
        "accessible_formats": "",
    },
    {
        "slug": "responding-to-microaggressions",
        "title": "Responding to microaggressions",
        "type": "article",
        "topics": ["implicit-bias", "cultural-sensitivity", "anti-racism"],
        "summary": "What microaggressions are, why small comments add up, and practical ways to respond whether you are the target, a bystander or the person who said it.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>A microaggression is an everyday comment or action that communicates a negative message to someone because of a group they belong to: &ldquo;Where are you really from?&rdquo;, touching someone's hair, assuming a woman of colour is the assistant rather than the manager. Each one may seem small; together, day after day, they wear people down and push them out of workplaces.</p>",
            },
            {"type": "heading", "value": "If you are a bystander"},
            {
                "type": "paragraph",
                "value": "<p>You have more power than you think. Ask a curious question (&ldquo;What do you mean by that?&rdquo;), say how it lands (&ldquo;That sounded like it was about her accent, not her work&rdquo;), redirect, or check in with the person afterwards. Choose what is safe and possible in the moment.</p>",
            },
            {"type": "heading", "value": "If you said it"},
            {
                "type": "paragraph",
                "value": "<p>Impact matters more than intent. Listen, thank the person for telling you, apologise without defending yourself, and change what you do. Do not ask the person to reassure you.</p>",
            },
            {
                "type": "quote",
                "value": "Intent is what I meant. Impact is what they felt. Both are real; only one is mine to fix.",
            },
        ],
        "downloads": [],
        "accessible_formats": "",
    },
    {
        "slug": "pronouns-and-inclusive-language",
        "title": "Pronouns and inclusive language",
        "type": "guide",
        "topics": ["safe-zone", "cultural-sensitivity"],
        "summary": "Using names and pronouns, gender-inclusive forms and letters, and what to do when you get it wrong.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Using the name and pronouns a person asks for is basic respect, and city policy. It costs nothing and matters a great deal to the people concerned.</p>",
            },
            {"type": "heading", "value": "What to do"},
            {
                "type": "checklist",
                "value": {
                    "title": "In conversation",
                    "items": [
                        "Use the name and pronouns a person uses for themselves.",
                        "You may share your own pronouns; never require others to share theirs.",
                        "If you make a mistake, correct yourself briefly and move on.",
                        "Do not ask about a person's body, medical history or former name.",
                    ],
                },
            },
            {
                "type": "checklist",
                "value": {
                    "title": "In forms and letters",
                    "items": [
                        'Ask for gender only when the service truly needs it, and offer more than two options plus "prefer not to say".',
                        'Use "Dear [full name]" rather than "Dear Sir or Madam" or gendered titles.',
                        'Use "they" for a person whose gender you do not know.',
                    ],
                },
            },
        ],
        "downloads": [],
        "accessible_formats": "",
    },
    {
        "slug": "plain-language-writing-guide",
        "title": "Plain language writing guide",
        "type": "guide",
        "topics": ["language-access", "ada"],
        "summary": "Write letters, notices and web pages that residents can understand the first time they read them, and that translate well.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>Plain language helps everyone: residents reading in a second language, people with low literacy or cognitive disabilities, people reading under stress, and busy colleagues. It also makes translations faster, cheaper and more accurate.</p>",
            },
            {"type": "heading", "value": "How to write plainly"},
            {
                "type": "checklist",
                "value": {
                    "title": "Ten habits",
                    "items": [
                        "Put the most important information first: what is happening and what the reader must do.",
                        'Use "you" and "we".',
                        "Keep sentences under about 20 words.",
                        'Use common words: "use" not "utilise", "by" not "no later than".',
                        "Explain or remove jargon and acronyms.",
                        'Use active voice: "We will inspect your home".',
                        "Use headings, short paragraphs and lists.",
                        "Give dates, amounts and deadlines as numbers.",
                        "Say how to get help, including language help, and how to appeal.",
                        "Test the draft with someone outside your team.",
                    ],
                },
            },
            {
                "type": "callout",
                "value": {
                    "title": "Before and after",
                    "text": "<p><b>Before:</b> &ldquo;Failure to remit payment prior to the due date may result in the discontinuation of service.&rdquo;<br><b>After:</b> &ldquo;Please pay by 15 March. If you do not, we may turn off your water. Call 311 if you need help paying.&rdquo;</p>",
                },
            },
        ],
        "downloads": [],
        "accessible_formats": "",
    },
    {
        "slug": "fair-housing-referral-guide",
        "title": "Fair housing: where to refer a resident",
        "type": "guide",
        "topics": ["fair-housing"],
        "summary": "What to say and where to send a resident who thinks they faced housing discrimination, in any language.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>You do not need to decide whether discrimination happened. Your job is to listen, take the concern seriously, and make sure the resident knows where to go, in a language they understand.</p>",
            },
            {"type": "heading", "value": "What to do"},
            {
                "type": "checklist",
                "value": {
                    "title": "Steps",
                    "items": [
                        "Listen and note the basics: what happened, when, where, and who was involved.",
                        "Offer an interpreter if needed.",
                        "Give the city's fair housing office contact details; offer to make a warm transfer.",
                        "Mention that complaints to HUD must generally be filed within one year.",
                        "Do not contact the landlord or lender yourself.",
                    ],
                },
            },
            {
                "type": "callout",
                "value": {
                    "title": "Protected under federal law",
                    "text": "<p>Race, colour, religion, national origin, sex, familial status and disability. State and local law may protect more characteristics.</p>",
                },
            },
        ],
        "downloads": [],
        "accessible_formats": "",
    },
]

# Readings that point learners to a hub resource: (course slug, module position) → resource slug.
READING_RESOURCES = {
    ("foundations-of-anti-racism", 2): "glossary-of-equity-terms",
    ("language-access-in-city-services", 0): "language-access-toolkit",
    ("ada-and-accessible-city-services", 0): "ada-checklist-for-public-events",
    ("fair-housing-basics", 0): "fair-housing-referral-guide",
}

FEATURED_COURSES = ["foundations-of-anti-racism", "understanding-implicit-bias", "language-access-in-city-services"]
