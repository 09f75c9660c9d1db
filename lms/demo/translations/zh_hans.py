# ruff: noqa: E501  (prose: long lines of text read better unwrapped)
"""简体中文."""

TOPICS = {
    "anti-racism": "反种族主义",
    "implicit-bias": "隐性偏见",
    "cultural-sensitivity": "文化敏感度",
    "language-access": "语言服务可及性",
    "safe-zone": "Safe Zone（LGBTQ+ 安全空间）",
    "ada": "《美国残疾人法》与无障碍服务",
    "fair-housing": "公平住房",
}

COURSE = {
    "title": "反种族主义基础",
    "summary": (
        "全市每位员工必修的课程。了解个人、制度和结构层面的种族主义是什么，市政府过去的决定如何至今仍在影响"
        "谁能得到什么，以及我们每个人在自己的工作中可以做些什么，来提供公平的服务。"
    ),
}

MODULES = {
    0: {
        "title": "开始之前：您已经了解多少？",
        "instructions": "这份简短的课前测验不计分。它帮助您和培训办公室了解本课程带来的收获。请如实作答；课程结束时您还会再次看到这些问题。",
    },
    1: {
        "title": "为什么反种族主义是公共服务的一部分",
        "body": """
<p>每一天，市政府员工都在决定谁能获得许可证、哪些街道先修、新的公交线路经过哪里、检查员多快做出回应、311 来电如何接听。这些决定都没有提到种族。然而，当市政府按社区和种族查看自己的数据时，同样的模式一再出现：有色人种居民等待更久、付出更多、从许多公共服务中得到的更少，同时承受更多负担&mdash;&mdash;高速公路、工业用地、高温和污染。</p>
<p>本课程从一个简单的理念出发：<strong>一项公共服务的好坏，取决于它为长期以来服务最差的居民提供了什么</strong>。市政府中的反种族主义不是为了指责个人，也不是为了让人感到内疚。它是一种专业实践：发现结果在哪些地方因种族而不同，理解这种差异是如何形成的，并改变那些让差异延续下去的政策和惯例。</p>
<h2>种族主义的三个层面</h2>
<p>区分三个层面很有帮助，因为每个层面需要不同的应对方式：</p>
<ul>
<li><strong>人际种族主义</strong>发生在人与人之间：一句侮辱、一个玩笑、在服务窗口被怀疑对待的居民。行为准则和投诉程序用来处理这类问题。</li>
<li><strong>制度性种族主义</strong>存在于一个机构的政策和做法之中：一项工作并不需要、却把许多有色人种求职者挡在门外的招聘要求，或者只依赖部分社区投诉、而忽视其他社区的执法做法。</li>
<li><strong>结构性种族主义</strong>是指许多机构&mdash;&mdash;住房、信贷、学校、警务、交通、医疗&mdash;&mdash;相互强化，使劣势代代累积，即使每个机构的规则看起来都是中立的。</li>
</ul>
<p>一座城市能够改变的大多数不公平，都是制度性和结构性的。因此，本课程在政策和流程上花的时间多于个人态度。</p>
<h2>过去如何体现在今天的数据中</h2>
<p>20 世纪 30 年代，联邦地图按抵押贷款风险给社区评级。黑人家庭和移民居住的地区被用红线圈出，标为“危险”；银行数十年来一直照此放贷。后来，城市又把高速公路、垃圾填埋场和重工业安置在许多同样的社区，而分区法规则保护其他社区免受其害。这些决定在当时是合法的，措辞也听起来很中立。如今，这些社区往往街道树木更少、夏季更炎热、哮喘发病率更高、房屋价值更低。当今天的项目按房产价值分配资金，或按投诉做出回应时，就可能在不知不觉中把这段历史延续下去。</p>
<h2>这对您的工作意味着什么</h2>
<p>您不必是政策制定者也能带来改变。每个人都可以就自己的工作问几个问题：<em>我们这样做，谁受益？谁承受负担？谁没有出现在会议室里或我们的数据中？如果我们的服务对某些居民效果更差，我们怎么会知道？</em>本课程的其余部分将为您提供共同的词汇、一段关于这些模式如何运作的短视频，以及反思您自己工作领域的机会。</p>
""",
    },
    2: {
        "title": "本市使用的关键术语",
        "body": """
<p>有了共同的语言，才能共同开展工作。以下定义是本市在公平计划中使用的定义；完整词汇表见资源中心。</p>
<dl>
<dt>种族</dt><dd>一种社会和政治类别，而非生物学类别。它的含义由法律和习俗塑造并不断改变，并对人们的生活产生非常真实的影响。</dd>
<dt>种族公平</dt><dd>一种种族不再决定一个人境遇、所有人的结果都得到改善的状态。在实践中，这意味着通过帮助最落后的群体来缩小差距。</dd>
<dt>公平与平等</dt><dd>平等是给每个人同样的东西。公平是给每个人实现公正结果所需要的东西，承认人们的起点各不相同。</dd>
<dt>反种族主义</dt><dd>主动识别并改变造成种族不公平的政策、做法和态度，而不仅仅是避免个人偏见。</dd>
<dt>分类数据</dt><dd>按群体（例如按种族、族裔、语言或社区）细分的数据，能揭示平均数所掩盖的差距。本市只以汇总形式报告此类数据，并隐藏人数过少的群体，以保护隐私。</dd>
<dt>微歧视</dt><dd>日常生活中的言语或行为，往往是无意的，却因为某人所属的群体而向其传达负面信息&mdash;&mdash;例如，称赞一位在美国出生的同事英语说得好。</dd>
</dl>
<p>语言会随时间变化，不同社区使用的术语也不尽相同。如有疑问，请使用人们称呼自己的词语，并乐于接受指正。</p>
""",
    },
    3: {
        "title": "视频：中立的规则如何产生不平等的结果",
        "narration": [
            ("旁白", "欢迎。在接下来的几分钟里，我们将观察市政府的一个项目，从一项决定一直追踪到它的结果。"),
            ("旁白", "设想一个人行道维修项目。为了公平起见，市政府按照投诉到达的先后顺序维修人行道。"),
            ("旁白", "没有人提到种族。每位居民都可以拨打 311。听起来很中立。"),
            ("旁白", "现在看看投诉来自哪里。能够请假、会说英语、并且相信市政府会回应的居民，打电话的次数更多。"),
            ("旁白", "五年之后，已维修人行道的地图看起来与全市的收入和种族分布图非常相似。"),
            ("旁白", "人行道最老旧、老年居民多、轮椅使用者多的社区，却排在队伍的最后。"),
            (
                "玛丽亚·查韦斯，公共工程局规划师",
                "当我们按人口普查区绘制维修地图时，说实话我们很惊讶。我们从来没有问过：谁没有打电话？",
            ),
            (
                "玛丽亚·查韦斯，公共工程局规划师",
                "我们调整了项目，把一半预算用于由我们自己的工作队逐街开展的人行道状况调查，从需求最大的地方开始。",
            ),
            (
                "旁白",
                "这就是我们所说的制度性种族主义。没有人有意伤害任何人，但规则产生了不平等的结果，而这种模式沿着几十年前划下的界线延续。",
            ),
            ("旁白", "解决办法不是亏待任何人，而是提出更好的问题：谁受益，谁承受负担，谁没有出现在我们的数据中。"),
            ("旁白", "在学习本课程其余内容时，请想一想您工作中有哪个项目依赖居民主动找上门来。谁可能永远不会来？"),
        ],
    },
    4: {
        "title": "知识检测：种族主义的层面",
        "instructions": "四道快速测试题，检查您的理解程度。您可以随意重做。",
    },
    5: {
        "title": "反思：您工作中的一个项目",
        "prompt": (
            "想一想您工作中的一项服务、规定或惯例。谁使用得最多？谁可能难以获得它，或因它而承受负担？您需要了解什么"
            "（数据，或与居民、同事的交流），才能弄清它是否对各种族、各语言的居民都同样有效？您的反思是私密的：只有您本人可以阅读。"
        ),
    },
    6: {
        "title": "期末测验",
        "instructions": "请回答全部六道题。您需要达到 80% 才能完成课程，共有三次机会。每道题的答案都附有解释。",
    },
}

QUESTIONS = [
    {
        "text": "哪种说法最能描述结构性种族主义？",
        "explanation": "结构性种族主义关注的是政策、做法和机构如何相互作用，造成因种族而异的不平等结果，即使体系中没有任何人有意造成伤害。",
        "choices": [
            "对他人抱有偏见的个人。",
            "众多机构、政策和做法共同造成并维持种族不公平的方式，无论其中任何个人的意图如何。",
            "种族侮辱和仇恨犯罪。",
            "一个随着 20 世纪 60 年代民权法律的出台而结束的问题。",
        ],
    },
    {
        "text": "平等与公平有什么区别？",
        "explanation": "平等是给每个人同样的东西。公平则要问每个群体需要什么才能获得公正的结果，因为人们的起点不同，而这些不同是历史和政策造成的。",
        "choices": [
            "没有区别；它们是同一个概念的两种说法。",
            "平等是给每个人同样的资源；公平是指公正的结果，而这可能需要不同的支持。",
            "公平意味着降低对某些群体的标准。",
            "平等是法律术语，公平是金融术语。",
        ],
    },
    {
        "text": "20 世纪 30 年代，联邦房主贷款公司（HOLC）的地图按贷款风险给社区评级。它们主要依据什么把一个地区标为“危险”（红色）？",
        "explanation": "这些地图把黑人居民和移民居住的社区标为危险。贷款随之照图发放，由此加剧的贫富差距至今仍体现在许多城市的房产价值、树木覆盖率和健康状况上。",
        "choices": [
            "仅仅是房屋的年代。",
            "黑人居民和移民家庭的存在。",
            "距市中心的远近。",
            "洪水风险。",
        ],
    },
    {
        "text": "一项市政政策对所有人的措辞都一样，但数据显示，它在两个以黑人和拉丁裔为主的社区造成的停水停电要多得多。最好的第一步是什么？",
        "explanation": "中立的措辞并不能保证公平的结果。细分数据、询问受影响的人、审视政策的具体运作，才是部门找出并解决根源的方法。",
        "choices": [
            "什么也不做：这项政策对所有人一视同仁，所以不可能不公平。",
            "与受影响的居民一起审视数据和政策的各个环节，找出造成差距的原因。",
            "停止按种族收集数据，这样报告中就不会再出现差距。",
            "要求这些社区的居民更加小心。",
        ],
    },
    {
        "text": "一位同事说：“我看不到肤色，我对每个人都一样。”哪种回应体现了本课程的理念？",
        "explanation": "“无视肤色”可能出于好意，但它会让人更难察觉体系对不同群体的区别对待。正是注意到种族，我们才能发现并纠正不公平的结果。",
        "choices": [
            "表示赞同：不去注意种族正是反种族主义的目标。",
            "肯定对方的好意，并解释注意到种族能帮助我们发现并纠正不平等的结果。",
            "向人力资源部门举报这位同事。",
            "什么也不说：这个话题在工作场合太敏感。",
        ],
    },
    {
        "text": "以下哪一项是制度性种族主义而非人际种族主义的例子？",
        "explanation": "人际种族主义发生在人与人之间。制度性种族主义存在于机构的规则和惯例之中，例如一项工作并不需要、却不均衡地淘汰合格求职者的招聘要求。",
        "choices": [
            "一位居民对公交车司机大喊种族侮辱的话。",
            "一项工作并不需要的岗位要求，却淘汰了多得多的有色人种求职者。",
            "在员工聚会上讲的一个笑话。",
            "一个人在陌生人身边感到不自在。",
        ],
    },
    {
        "text": "在人行道视频中，为什么维修最终集中在某些社区？",
        "explanation": "以投诉为依据的制度会偏向最有能力投诉的居民。规则是中立的，但结果并不中立。",
        "choices": [
            "工作队更喜欢在那些社区工作。",
            "维修跟着投诉走，而时间更充裕、会说英语、更信任市政府的居民打电话更多。",
            "其他社区的人行道状况更好。",
            "预算被削减了。",
        ],
    },
    {
        "text": "从种族公平角度审查一个项目时，哪个问题最有用？",
        "explanation": "问一问谁承受负担、谁被遗漏，能揭示项目自身记录所无法显示的影响。",
        "choices": [
            "我们怎样才能少花钱？",
            "谁受益，谁承受负担，谁没有出现在我们的数据中？",
            "有人投诉过吗？",
            "我们去年做了什么？",
        ],
    },
    {
        "text": "一位来自越南裔美国家庭的同事在本市出生。一位经理对她说：“你的英语真棒！”这是以下哪一项的例子：",
        "explanation": "这句话因为同事的外貌就假定她是外国人。即使本意是称赞，这仍然是一种微歧视。",
        "choices": [
            "无害的称赞。",
            "微歧视：它暗示这位同事不是本地人。",
            "结构性种族主义。",
            "语言服务可及性。",
        ],
    },
]

PAGES = {
    # Latin-script slugs stay as in English: readable in links, no percent-encoding.
    "courses": "courses",
    "foundations-of-anti-racism": "foundations-of-anti-racism",
    "Common Ground is where city employees learn together about anti-racism, equity and inclusion: the mandatory Foundations of Anti-Racism course, monthly trainings open to everyone, workshops for teams, reading circles and a resource hub you can use in your daily work.": "Common Ground 是市政府员工共同学习反种族主义、公平与包容的地方：必修课程“反种族主义基础”、向所有人开放的月度培训、团队工作坊、读书会，以及可供日常工作使用的资源中心。",
    "The site works in English, Spanish, Vietnamese, Chinese and Arabic, and every video comes with captions and a transcript. If something does not work for you, tell us and we will fix it.": "本网站提供英语、西班牙语、越南语、中文和阿拉伯语版本，每段视频都配有字幕和文字稿。如果有任何地方不便使用，请告诉我们，我们会加以改进。",
    "How it works": "如何使用",
    '<b>Mandatory learning</b>: every employee completes Foundations of Anti-Racism within 90 days of starting, and again every two years. Your assignments and due dates are on <a id="a1">My learning</a>.': '<b>必修学习</b>：每位员工须在入职 90 天内完成“反种族主义基础”，此后每两年重修一次。您的学习任务和截止日期见<a id="a1">我的学习</a>。',
    "<b>Monthly trainings</b>: open sessions on implicit bias, language access, Safe Zone, ADA and fair housing, in person and online. Register on the Sessions page.": "<b>月度培训</b>：关于隐性偏见、语言服务可及性、Safe Zone、《美国残疾人法》和公平住房的公开课程，线下和线上均可参加。请在“课程场次”页面报名。",
    "<b>For teams</b>: department heads can request a targeted training for their team.": "<b>团队培训</b>：部门负责人可以为本团队申请专项培训。",
    "<b>Certificates</b>: you get a certificate for each completed course; anyone can verify it.": "<b>证书</b>：每完成一门课程即可获得证书；任何人都可以核验。",
    "Need an accommodation or another language?": "需要便利安排或其他语言？",
    'Ask for an interpreter, captioning, large print or any other accommodation when you register for a session, or write to the Office of Equity and Inclusion at <a id="a1">equity@city.example</a>. There is never a cost to you.': '报名课程时，您可以申请口译、实时字幕、大字版材料或任何其他便利安排，也可以发邮件至公平与包容办公室：<a id="a1">equity@city.example</a>。您无需支付任何费用。',
    "Courses": "课程",
    "Self-paced courses you can take at your desk, workshops with colleagues, and reading circles. Filter by topic or format. Log in to enrol; your progress is saved as you go.": "可在工位上按自己的节奏学习的课程、与同事一起参加的工作坊，以及读书会。可按主题或形式筛选。登录后即可报名；您的学习进度会随时保存。",
    "Foundations of Anti-Racism": "反种族主义基础",
    "Who takes this course": "谁需要学习本课程",
    "Every city employee, within 90 days of starting and every two years after. It takes about an hour and a half, and you can stop and resume at any time.": "全市每位员工，须在入职 90 天内完成，此后每两年一次。课程约需一个半小时，您可以随时暂停和继续。",
    "What you will be able to do": "学完后您将能够",
    "Explain the difference between interpersonal, institutional and structural racism.": "解释人际、制度性和结构性种族主义之间的区别。",
    "Recognise how neutral-sounding rules can produce unequal results.": "认识到听起来中立的规则如何产生不平等的结果。",
    "Ask three questions of any programme: who benefits, who is burdened, who is missing.": "对任何项目提出三个问题：谁受益，谁承受负担，谁被遗漏。",
}
