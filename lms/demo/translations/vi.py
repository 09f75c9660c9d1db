# ruff: noqa: E501  (prose: long lines of text read better unwrapped)
"""Tiếng Việt."""

TOPICS = {
    "anti-racism": "Chống phân biệt chủng tộc",
    "implicit-bias": "Định kiến ngầm",
    "cultural-sensitivity": "Nhạy bén văn hóa",
    "language-access": "Tiếp cận ngôn ngữ",
    "safe-zone": "Safe Zone (không gian an toàn cho người LGBTQ+)",
    "ada": "ADA và tiếp cận cho người khuyết tật",
    "fair-housing": "Gia cư công bằng",
}

COURSE = {
    "title": "Nền tảng chống phân biệt chủng tộc",
    "summary": (
        "Khóa học bắt buộc của thành phố dành cho mọi nhân viên. Phân biệt chủng tộc là gì ở cấp độ cá nhân, "
        "thể chế và cơ cấu, những quyết định trước đây của thành phố vẫn đang quyết định ai nhận được gì ngày "
        "nay ra sao, và mỗi người chúng ta có thể làm gì trong công việc của mình để cung cấp dịch vụ công bằng."
    ),
}

MODULES = {
    0: {
        "title": "Trước khi bắt đầu: bạn đã biết những gì?",
        "instructions": (
            "Bài kiểm tra đầu vào ngắn này không tính điểm. Bài giúp bạn và văn phòng đào tạo thấy khóa học "
            "mang lại thêm điều gì. Hãy trả lời thành thật; bạn sẽ gặp lại những câu hỏi này ở cuối khóa."
        ),
    },
    1: {
        "title": "Vì sao chống phân biệt chủng tộc là một phần của dịch vụ công",
        "body": """
<p>Mỗi ngày, nhân viên thành phố quyết định ai được cấp giấy phép, con đường nào được sửa trước, tuyến xe buýt mới chạy qua đâu, thanh tra phản hồi nhanh đến mức nào và một cuộc gọi đến 311 được trả lời ra sao. Không quyết định nào nhắc đến chủng tộc. Thế nhưng, khi thành phố xem xét dữ liệu của chính mình theo khu phố và theo chủng tộc, cùng một khuôn mẫu lặp đi lặp lại: cư dân da màu phải chờ lâu hơn, trả nhiều hơn và nhận được ít hơn từ nhiều dịch vụ công, đồng thời gánh chịu nhiều gánh nặng hơn &mdash; xa lộ, khu công nghiệp, nắng nóng và ô nhiễm.</p>
<p>Khóa học này bắt đầu từ một ý tưởng đơn giản: <strong>một dịch vụ công chỉ tốt bằng những gì nó mang lại cho những cư dân từng được phục vụ kém nhất</strong>. Chống phân biệt chủng tộc trong chính quyền thành phố không phải là đổ lỗi cho cá nhân hay cảm thấy tội lỗi. Đó là một thực hành nghề nghiệp: nhận ra kết quả khác nhau theo chủng tộc ở đâu, hiểu vì sao có sự khác biệt đó, và thay đổi những chính sách và thói quen làm việc đang duy trì nó.</p>
<h2>Ba cấp độ của phân biệt chủng tộc</h2>
<p>Phân biệt ba cấp độ sẽ có ích, vì mỗi cấp độ cần một cách ứng phó khác nhau:</p>
<ul>
<li><strong>Phân biệt chủng tộc giữa các cá nhân</strong> xảy ra giữa người với người: một lời lăng mạ, một câu đùa, một cư dân bị đối xử nghi ngờ tại quầy tiếp dân. Quy tắc ứng xử và quy trình khiếu nại giải quyết cấp độ này.</li>
<li><strong>Phân biệt chủng tộc mang tính thể chế</strong> nằm trong chính sách và cách làm của một tổ chức: một yêu cầu tuyển dụng không cần thiết cho công việc nhưng loại bỏ nhiều ứng viên da màu, hoặc một cách thực thi dựa vào khiếu nại từ một số khu phố mà không phải từ những khu khác.</li>
<li><strong>Phân biệt chủng tộc mang tính cơ cấu</strong> là cách nhiều thể chế &mdash; nhà ở, cho vay, trường học, cảnh sát, giao thông, y tế &mdash; củng cố lẫn nhau, khiến bất lợi tích tụ qua nhiều thế hệ ngay cả khi quy định của từng thể chế trông có vẻ trung lập.</li>
</ul>
<p>Phần lớn những bất công bằng mà một thành phố có thể thay đổi mang tính thể chế và cơ cấu. Vì vậy khóa học này dành nhiều thời gian cho chính sách và quy trình hơn là cho thái độ cá nhân.</p>
<h2>Quá khứ hiện ra trong dữ liệu ngày nay như thế nào</h2>
<p>Vào thập niên 1930, các bản đồ liên bang xếp hạng khu phố để cho vay thế chấp. Những khu vực nơi các gia đình người da đen và người nhập cư sinh sống bị khoanh màu đỏ và bị gắn nhãn nguy hiểm; các ngân hàng làm theo những bản đồ đó trong nhiều thập kỷ. Sau đó, các thành phố đặt xa lộ, bãi rác và công nghiệp nặng ở nhiều khu phố chính những nơi ấy, trong khi quy định phân vùng bảo vệ những khu khác. Những quyết định đó hợp pháp vào thời điểm ấy và được viết bằng ngôn ngữ nghe có vẻ trung lập. Ngày nay, chính những khu phố đó thường có ít cây xanh trên đường hơn, mùa hè nóng hơn, tỷ lệ hen suyễn cao hơn và giá nhà thấp hơn. Khi một chương trình hiện nay phân bổ tiền theo giá trị bất động sản hoặc phản hồi theo khiếu nại, nó có thể lặng lẽ chuyển tiếp lịch sử đó.</p>
<h2>Điều này có ý nghĩa gì với công việc của bạn</h2>
<p>Bạn không cần là người hoạch định chính sách mới tạo ra khác biệt. Ai cũng có thể tự đặt vài câu hỏi về công việc của mình: <em>Ai được lợi từ cách chúng ta làm việc này? Ai phải gánh chịu? Ai vắng mặt trong phòng họp hoặc trong dữ liệu của chúng ta? Làm sao chúng ta biết được nếu dịch vụ của mình hoạt động kém hơn với một số cư dân?</em> Phần còn lại của khóa học cung cấp cho bạn từ vựng, một video ngắn về cách những khuôn mẫu này vận hành và cơ hội suy ngẫm về lĩnh vực công việc của bạn.</p>
""",
    },
    2: {
        "title": "Những thuật ngữ chính chúng tôi dùng trong thành phố",
        "body": """
<p>Có chung từ ngữ thì mới có thể làm việc chung. Đây là những định nghĩa thành phố sử dụng trong kế hoạch công bằng của mình; bạn sẽ tìm thấy bảng thuật ngữ đầy đủ trong trung tâm tài liệu.</p>
<dl>
<dt>Chủng tộc</dt><dd>Một phạm trù xã hội và chính trị, không phải sinh học. Ý nghĩa của nó được luật pháp và tập quán tạo ra và thay đổi, và nó có tác động rất thật đến cuộc sống của con người.</dd>
<dt>Công bằng chủng tộc</dt><dd>Tình trạng mà chủng tộc không còn dự báo được cuộc sống của một người sẽ ra sao, và kết quả được cải thiện cho tất cả mọi người. Trên thực tế, điều đó có nghĩa là thu hẹp khoảng cách bằng cách nâng đỡ những người bị bỏ lại xa nhất.</dd>
<dt>Công bằng và bình đẳng</dt><dd>Bình đẳng là cho mọi người như nhau. Công bằng là cho mỗi người điều họ cần để đạt được kết quả công bằng, thừa nhận rằng họ xuất phát từ những vị trí khác nhau.</dd>
<dt>Chống phân biệt chủng tộc</dt><dd>Chủ động nhận diện và thay đổi những chính sách, cách làm và thái độ tạo ra bất công bằng chủng tộc, thay vì chỉ tránh định kiến cá nhân.</dd>
<dt>Dữ liệu phân tách</dt><dd>Dữ liệu được chia theo nhóm (ví dụ theo chủng tộc, sắc tộc, ngôn ngữ hoặc khu phố), cho thấy những khoảng cách mà số trung bình che giấu. Thành phố chỉ công bố loại dữ liệu này ở dạng tổng hợp và ẩn các nhóm nhỏ để bảo vệ quyền riêng tư.</dd>
<dt>Hành vi xúc phạm ngầm (microaggression)</dt><dd>Một lời nói hay hành động hằng ngày, thường vô ý, truyền đi thông điệp tiêu cực đến một người vì nhóm mà họ thuộc về &mdash; ví dụ, khen một đồng nghiệp sinh ra tại Hoa Kỳ là nói tiếng Anh giỏi.</dd>
</dl>
<p>Ngôn ngữ thay đổi theo thời gian, và không phải cộng đồng nào cũng dùng cùng những thuật ngữ. Khi không chắc chắn, hãy dùng những từ mà mọi người dùng để gọi chính họ và sẵn sàng để người khác góp ý.</p>
""",
    },
    3: {
        "title": "Video: Những quy định trung lập có thể tạo ra kết quả bất bình đẳng như thế nào",
        "narration": [
            (
                "Người dẫn chuyện",
                "Xin chào. Trong vài phút tới, chúng ta sẽ xem xét một chương trình của thành phố và theo dõi nó từ một quyết định đến một kết quả.",
            ),
            (
                "Người dẫn chuyện",
                "Hãy hình dung một chương trình sửa vỉa hè. Để công bằng, thành phố sửa vỉa hè theo thứ tự khiếu nại được gửi đến.",
            ),
            ("Người dẫn chuyện", "Không ai nhắc đến chủng tộc. Cư dân nào cũng có thể gọi 311. Nghe có vẻ trung lập."),
            (
                "Người dẫn chuyện",
                "Bây giờ hãy xem khiếu nại đến từ đâu. Những cư dân có thể xin nghỉ làm, nói được tiếng Anh và tin rằng thành phố sẽ phản hồi thì gọi thường xuyên hơn.",
            ),
            (
                "Người dẫn chuyện",
                "Sau năm năm, bản đồ những vỉa hè đã được sửa trông rất giống bản đồ thu nhập và chủng tộc của thành phố.",
            ),
            (
                "Người dẫn chuyện",
                "Những khu phố có vỉa hè cũ nhất, nhiều người cao tuổi và nhiều người dùng xe lăn, lại đứng cuối hàng.",
            ),
            (
                "Maria Chávez, chuyên viên quy hoạch Sở Công chánh",
                "Khi lập bản đồ các lần sửa chữa theo từng khu điều tra dân số, thật lòng chúng tôi rất bất ngờ. Chúng tôi chưa bao giờ hỏi ai là người không gọi.",
            ),
            (
                "Maria Chávez, chuyên viên quy hoạch Sở Công chánh",
                "Chúng tôi đã thay đổi chương trình để một nửa ngân sách dành cho việc khảo sát tình trạng vỉa hè do chính đội ngũ của chúng tôi thực hiện, từng con phố một, bắt đầu từ nơi có nhu cầu lớn nhất.",
            ),
            (
                "Người dẫn chuyện",
                "Đó chính là điều chúng ta muốn nói về phân biệt chủng tộc mang tính thể chế. Không ai có ý gây hại, nhưng các quy định đã tạo ra kết quả bất bình đẳng, và khuôn mẫu ấy đi theo những đường ranh được vẽ từ nhiều thập kỷ trước.",
            ),
            (
                "Người dẫn chuyện",
                "Cách khắc phục không phải là đối xử tệ với ai. Mà là đặt những câu hỏi tốt hơn: ai được lợi, ai phải gánh chịu và ai vắng mặt trong dữ liệu của chúng ta.",
            ),
            (
                "Người dẫn chuyện",
                "Khi bạn học tiếp phần còn lại của khóa học, hãy nghĩ đến một chương trình trong công việc của bạn phụ thuộc vào việc cư dân tìm đến chúng ta. Ai có thể sẽ không bao giờ đến?",
            ),
        ],
    },
    4: {
        "title": "Kiểm tra kiến thức: các cấp độ phân biệt chủng tộc",
        "instructions": "Bốn câu hỏi nhanh để kiểm tra mức độ hiểu bài của bạn. Bạn có thể làm lại bao nhiêu lần tùy ý.",
    },
    5: {
        "title": "Suy ngẫm: một chương trình trong công việc của bạn",
        "prompt": (
            "Hãy nghĩ đến một dịch vụ, quy định hoặc thói quen làm việc trong công việc của bạn. Ai sử dụng nó nhiều "
            "nhất, và ai có thể gặp khó khăn khi tiếp cận hoặc phải gánh chịu vì nó? Bạn cần biết những gì (dữ liệu, "
            "trao đổi với cư dân hoặc đồng nghiệp) để tìm hiểu xem nó có hoạt động tốt như nhau cho cư dân thuộc mọi "
            "chủng tộc và ngôn ngữ hay không? Bài suy ngẫm của bạn là riêng tư: chỉ bạn mới đọc được."
        ),
    },
    6: {
        "title": "Bài kiểm tra cuối khóa",
        "instructions": (
            "Hãy trả lời cả sáu câu hỏi. Bạn cần đạt 80% để hoàn thành khóa học, và bạn có ba lần làm bài. "
            "Mỗi câu trả lời đều kèm lời giải thích."
        ),
    },
}

QUESTIONS = [
    {
        "text": "Câu nào mô tả đúng nhất phân biệt chủng tộc mang tính cơ cấu?",
        "explanation": "Phân biệt chủng tộc mang tính cơ cấu nói về cách các chính sách, cách làm và thể chế tác động qua lại để tạo ra kết quả bất bình đẳng theo chủng tộc, ngay cả khi không ai trong hệ thống có ý gây hại.",
        "choices": [
            "Những cá nhân có niềm tin định kiến về người khác.",
            "Cách nhiều thể chế, chính sách và cách làm cùng nhau tạo ra và duy trì bất công bằng chủng tộc, bất kể ý định của từng người.",
            "Những lời lăng mạ phân biệt chủng tộc và tội ác thù hận.",
            "Một vấn đề đã chấm dứt với các luật dân quyền của thập niên 1960.",
        ],
    },
    {
        "text": "Bình đẳng và công bằng khác nhau như thế nào?",
        "explanation": "Bình đẳng là cho mọi người như nhau. Công bằng đặt câu hỏi mỗi nhóm cần gì để đạt được kết quả công bằng, vì mọi người xuất phát từ những vị trí khác nhau do lịch sử và chính sách tạo ra.",
        "choices": [
            "Không khác gì cả; đó là hai từ cho cùng một ý.",
            "Bình đẳng là cho mọi người cùng nguồn lực; công bằng là kết quả công bằng, điều có thể cần sự hỗ trợ khác nhau.",
            "Công bằng có nghĩa là hạ thấp tiêu chuẩn cho một số nhóm.",
            "Bình đẳng là thuật ngữ pháp lý còn công bằng là thuật ngữ tài chính.",
        ],
    },
    {
        "text": "Vào thập niên 1930, các bản đồ của Tổng công ty Cho vay Chủ nhà (HOLC) liên bang xếp hạng khu phố theo rủi ro cho vay. Họ chủ yếu dựa vào điều gì để đánh dấu một khu vực là “nguy hiểm” (màu đỏ)?",
        "explanation": "Các bản đồ đánh dấu những khu phố có cư dân da đen và người nhập cư sinh sống là nguy hiểm. Việc cho vay đi theo các bản đồ đó, và khoảng cách giàu nghèo mà chúng góp phần tạo ra vẫn còn thấy rõ trong giá nhà, độ che phủ cây xanh và tình trạng sức khỏe ở nhiều thành phố.",
        "choices": [
            "Chỉ tuổi của các ngôi nhà.",
            "Sự hiện diện của cư dân da đen và các gia đình nhập cư.",
            "Khoảng cách đến trung tâm thành phố.",
            "Nguy cơ ngập lụt.",
        ],
    },
    {
        "text": "Một chính sách của thành phố được viết như nhau cho mọi người, nhưng dữ liệu cho thấy nó dẫn đến việc cắt dịch vụ nhiều hơn hẳn ở hai khu phố mà phần lớn cư dân là người da đen và người gốc Latinh. Bước đầu tiên tốt nhất là gì?",
        "explanation": "Câu chữ trung lập không bảo đảm kết quả công bằng. Phân tách dữ liệu, hỏi những người bị ảnh hưởng và xem xét cách chính sách vận hành là cách một cơ quan tìm ra và khắc phục nguyên nhân.",
        "choices": [
            "Không làm gì: chính sách đối xử với mọi người như nhau nên không thể bất công.",
            "Xem xét dữ liệu và các bước của chính sách cùng với cư dân bị ảnh hưởng để tìm ra điều gì gây ra khoảng cách.",
            "Ngừng thu thập dữ liệu theo chủng tộc để khoảng cách không còn xuất hiện trong báo cáo.",
            "Yêu cầu cư dân ở những khu phố đó cẩn thận hơn.",
        ],
    },
    {
        "text": "Một đồng nghiệp nói: “Tôi không phân biệt màu da, tôi đối xử với mọi người như nhau.” Câu trả lời nào phản ánh tinh thần của khóa học này?",
        "explanation": "Không để ý đến màu da có thể xuất phát từ ý tốt, nhưng nó khiến ta khó nhận ra khi các hệ thống đối xử khác nhau với các nhóm. Chính việc nhận ra chủng tộc mới giúp ta tìm ra và khắc phục những kết quả bất công.",
        "choices": [
            "Đồng ý: không để ý đến chủng tộc là mục tiêu của chống phân biệt chủng tộc.",
            "Ghi nhận ý tốt, và giải thích rằng nhận ra chủng tộc giúp chúng ta thấy và khắc phục những kết quả bất bình đẳng.",
            "Báo cáo đồng nghiệp với phòng Nhân sự.",
            "Không nói gì: chủ đề này quá nhạy cảm ở nơi làm việc.",
        ],
    },
    {
        "text": "Trường hợp nào sau đây là ví dụ về phân biệt chủng tộc mang tính thể chế chứ không phải giữa các cá nhân?",
        "explanation": "Phân biệt chủng tộc giữa các cá nhân xảy ra giữa người với người. Phân biệt chủng tộc mang tính thể chế nằm trong quy định và thói quen làm việc của một tổ chức, như một yêu cầu tuyển dụng loại bỏ ứng viên đủ năng lực một cách không đồng đều mà công việc lại không cần đến.",
        "choices": [
            "Một cư dân hét lời lăng mạ phân biệt chủng tộc vào tài xế xe buýt.",
            "Một yêu cầu công việc, không cần thiết cho công việc đó, loại bỏ nhiều ứng viên da màu hơn hẳn.",
            "Một câu đùa trong buổi tiệc của nhân viên.",
            "Một người cảm thấy không thoải mái khi ở gần người lạ.",
        ],
    },
    {
        "text": "Trong video về vỉa hè, vì sao việc sửa chữa lại tập trung ở một số khu phố?",
        "explanation": "Một hệ thống dựa trên khiếu nại có lợi cho những cư dân có khả năng khiếu nại nhất. Quy định thì trung lập; kết quả của nó thì không.",
        "choices": [
            "Các đội sửa chữa thích làm việc ở những khu phố đó hơn.",
            "Việc sửa chữa đi theo khiếu nại, và những cư dân có nhiều thời gian hơn, nói tiếng Anh và tin tưởng thành phố hơn thì gọi thường xuyên hơn.",
            "Vỉa hè ở các khu phố khác ở tình trạng tốt hơn.",
            "Ngân sách bị cắt giảm.",
        ],
    },
    {
        "text": "Câu hỏi nào hữu ích nhất khi xem xét một chương trình dưới góc độ công bằng chủng tộc?",
        "explanation": "Hỏi ai phải gánh chịu và ai vắng mặt sẽ cho thấy những tác động mà hồ sơ của chính chương trình không thể hiện.",
        "choices": [
            "Làm sao để chi tiêu ít hơn?",
            "Ai được lợi, ai phải gánh chịu và ai vắng mặt trong dữ liệu của chúng ta?",
            "Có ai khiếu nại chưa?",
            "Năm ngoái chúng ta đã làm gì?",
        ],
    },
    {
        "text": "Một đồng nghiệp từ một gia đình người Mỹ gốc Việt sinh ra tại thành phố. Một quản lý nói: “Tiếng Anh của chị giỏi quá!” Đây là ví dụ về:",
        "explanation": "Lời nhận xét mặc định rằng đồng nghiệp là người nước ngoài vì vẻ bề ngoài. Đó là một hành vi xúc phạm ngầm, dù được nói ra như một lời khen.",
        "choices": [
            "Một lời khen vô hại.",
            "Một hành vi xúc phạm ngầm: nó ngụ ý rằng đồng nghiệp không phải người ở đây.",
            "Phân biệt chủng tộc mang tính cơ cấu.",
            "Tiếp cận ngôn ngữ.",
        ],
    },
]

PAGES = {
    "Common Ground is where city employees learn together about anti-racism, equity and inclusion: the mandatory Foundations of Anti-Racism course, monthly trainings open to everyone, workshops for teams, reading circles and a resource hub you can use in your daily work.": "Common Ground là nơi nhân viên thành phố cùng nhau học về chống phân biệt chủng tộc, công bằng và hòa nhập: khóa học bắt buộc Nền tảng chống phân biệt chủng tộc, các buổi đào tạo hằng tháng mở cho mọi người, hội thảo cho các nhóm, nhóm đọc sách và một trung tâm tài liệu bạn có thể dùng trong công việc hằng ngày.",
    "The site works in English, Spanish, Vietnamese, Chinese and Arabic, and every video comes with captions and a transcript. If something does not work for you, tell us and we will fix it.": "Trang web có tiếng Anh, tiếng Tây Ban Nha, tiếng Việt, tiếng Trung và tiếng Ả Rập, và mọi video đều có phụ đề và bản chép lời. Nếu có điều gì không phù hợp với bạn, hãy cho chúng tôi biết và chúng tôi sẽ khắc phục.",
    "How it works": "Cách hoạt động",
    '<b>Mandatory learning</b>: every employee completes Foundations of Anti-Racism within 90 days of starting, and again every two years. Your assignments and due dates are on <a id="a1">My learning</a>.': '<b>Học tập bắt buộc</b>: mọi nhân viên hoàn thành khóa Nền tảng chống phân biệt chủng tộc trong vòng 90 ngày kể từ khi bắt đầu làm việc, và học lại hai năm một lần. Các khóa được giao và hạn hoàn thành nằm ở mục <a id="a1">Học tập của tôi</a>.',
    "<b>Monthly trainings</b>: open sessions on implicit bias, language access, Safe Zone, ADA and fair housing, in person and online. Register on the Sessions page.": "<b>Đào tạo hằng tháng</b>: các buổi học mở về định kiến ngầm, tiếp cận ngôn ngữ, Safe Zone, ADA và gia cư công bằng, trực tiếp và trực tuyến. Hãy đăng ký trên trang Buổi học.",
    "<b>For teams</b>: department heads can request a targeted training for their team.": "<b>Cho các nhóm</b>: trưởng các sở, ban có thể yêu cầu một buổi đào tạo riêng cho nhóm của mình.",
    "<b>Certificates</b>: you get a certificate for each completed course; anyone can verify it.": "<b>Chứng nhận</b>: bạn nhận được chứng nhận cho mỗi khóa học hoàn thành; ai cũng có thể xác minh chứng nhận đó.",
    "Need an accommodation or another language?": "Bạn cần hỗ trợ điều chỉnh hoặc một ngôn ngữ khác?",
    'Ask for an interpreter, captioning, large print or any other accommodation when you register for a session, or write to the Office of Equity and Inclusion at <a id="a1">equity@city.example</a>. There is never a cost to you.': 'Hãy yêu cầu thông dịch viên, phụ đề trực tiếp, bản in chữ lớn hoặc bất kỳ hỗ trợ điều chỉnh nào khác khi đăng ký buổi học, hoặc viết thư cho Văn phòng Công bằng và Hòa nhập tại <a id="a1">equity@city.example</a>. Bạn không bao giờ phải trả phí.',
    "Courses": "Khóa học",
    "courses": "khoa-hoc",
    "Self-paced courses you can take at your desk, workshops with colleagues, and reading circles. Filter by topic or format. Log in to enrol; your progress is saved as you go.": "Các khóa học tự học theo nhịp độ riêng mà bạn có thể học ngay tại bàn làm việc, hội thảo cùng đồng nghiệp và nhóm đọc sách. Lọc theo chủ đề hoặc hình thức. Hãy đăng nhập để ghi danh; tiến độ của bạn được lưu lại trong quá trình học.",
    "Foundations of Anti-Racism": "Nền tảng chống phân biệt chủng tộc",
    "foundations-of-anti-racism": "nen-tang-chong-phan-biet-chung-toc",
    "Who takes this course": "Ai tham gia khóa học này",
    "Every city employee, within 90 days of starting and every two years after. It takes about an hour and a half, and you can stop and resume at any time.": "Mọi nhân viên thành phố, trong vòng 90 ngày kể từ khi bắt đầu làm việc và sau đó hai năm một lần. Khóa học mất khoảng một tiếng rưỡi, và bạn có thể dừng rồi học tiếp bất cứ lúc nào.",
    "What you will be able to do": "Bạn sẽ có thể làm gì",
    "Explain the difference between interpersonal, institutional and structural racism.": "Giải thích sự khác biệt giữa phân biệt chủng tộc giữa các cá nhân, mang tính thể chế và mang tính cơ cấu.",
    "Recognise how neutral-sounding rules can produce unequal results.": "Nhận ra những quy định nghe có vẻ trung lập có thể tạo ra kết quả bất bình đẳng như thế nào.",
    "Ask three questions of any programme: who benefits, who is burdened, who is missing.": "Đặt ba câu hỏi cho bất kỳ chương trình nào: ai được lợi, ai phải gánh chịu, ai vắng mặt.",
}
