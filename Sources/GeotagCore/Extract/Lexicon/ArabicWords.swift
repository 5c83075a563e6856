/// Arabic has no capital letters, so every word of an Arabic text is a candidate. These
/// lists let the recognizer tell the place names among them: function words and common
/// nouns that are also the names of small places somewhere (إن, إلى, سد "dam", شمال
/// "north"), the words that announce a place (في "in", مدينة "city", محافظة
/// "governorate"), and the one-letter clitics written onto a name (و "and", ب "in").
/// Entries are folded like the text (``NameKey/canonical(_:)``).
enum ArabicWords {
    /// Function words, directions, and common nouns of news prose that are never a
    /// place name on their own.
    static let stop: Set<[UInt8]> = folded("""
        في من إلى الى على عن مع أن إن ان ما لا لم لن قد هذا هذه ذلك تلك التي الذي الذين اللذين كان كانت يكون تكون
        هو هي هم هن نحن أنا انت بين بعد قبل حتى أو او ثم كل بعض غير عند منذ خلال حول ضد نحو دون عبر لدى أي اي إذا
        اذا لكن كما أيضا ايضا فيما بينما حيث إنه انه أنه أنها إنها لها له لهم منها منه فيها فيه عليه عليها إليه
        قال قالت يقول تقول أكد أضاف أوضح وأوضح وقال ذكر أعلن يوم اليوم أمس غدا عام العام شهر الشهر سنة أسبوع الأسبوع
        شمال جنوب شرق غرب وسط الشمال الجنوب الشرق الغرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي
        مدينة المدينة محافظة المحافظة بلدة البلدة قرية القرية القرى منطقة المنطقة ريف الريف حي الحي ناحية قضاء
        نهر النهر بحر البحر جبل الجبل سد السد وادي الوادي بحيرة البحيرة حدود الحدود معبر المعبر طريق الطريق
        دولة الدولة دول الحكومة حكومة وزارة الوزارة وزير الوزير رئيس الرئيس مجلس المجلس قوات القوات جيش الجيش
        مصدر المصدر مصادر المصادر خبراء الخبراء سكان السكان مسؤول المسؤول مسؤولون الأمم المتحدة
        الصيف الشتاء الربيع الخريف صيف شتاء المياه مياه الماء ماء القطن السحب الشرب الري الأمطار مطر
        الجديد الجديدة الكبير الكبرى الصغير الأول الثاني الثالث الأخير الماضي الماضية الحالي الحالية
        عدة عشرات مئات آلاف ألف مليون أكثر أقل نصف ثلث ربع
        """)

    /// Words before a name that make it part of an organisation's name: جامعة الموصل
    /// (University of Mosul), قناة الجزيرة (Al Jazeera channel), قوات سوريا الديمقراطية.
    static let organisationBefore: Set<[UInt8]> = folded("""
        جامعة بنك مصرف قناة صحيفة جريدة وكالة إذاعة تلفزيون وزارة قوات جيش حزب مجلس شركة نادي مستشفى
        منظمة هيئة اتحاد جمعية مؤسسة مركز معهد كلية محكمة سفارة قنصلية لجنة حركة جبهة ائتلاف تحالف
        """)

    /// Words after which a name is a place: prepositions of place and place nouns.
    static let placeContext: Set<[UInt8]> = folded("""
        في من إلى الى قرب بالقرب نحو باتجاه داخل خارج حول أطراف محيط جنوب شمال شرق غرب جنوبي شمالي شرقي غربي
        مدينة المدينة محافظة بلدة قرية منطقة ريف ناحية قضاء مخيم معبر مطار ميناء عاصمة العاصمة إقليم ولاية حي
        بمدينة لمدينة بمحافظة لمحافظة ببلدة بقرية بمنطقة بريف وريف ومدينة ومحافظة
        """)

    /// "Governorate": GeoNames holds some provinces under names that begin with it.
    static let provinceNouns: Set<[UInt8]> = folded("محافظة المحافظة")

    /// Clitics that can be written onto a name: the conjunctions و and ف, the
    /// prepositions ب, ل and ك (only before the article: بالموصل).
    static let conjunctions: [[UInt8]] = ["و", "ف"].map { Array($0.utf8) }
    static let prepositions: [[UInt8]] = ["ب", "ل", "ك"].map { Array($0.utf8) }

    private static func folded(_ text: String) -> Set<[UInt8]> {
        Set(text.split(whereSeparator: \.isWhitespace).map { NameKey.canonical(String($0)) })
    }
}
