/// English words that are also the names of some town somewhere ("Hit", "Of", "Reading",
/// "Mobile", "Bath", "Split", "Deal", "May"): capitalised at the start of a sentence or
/// in a headline they are the word, not the town, unless the context says place.
/// Folded, one word each.
enum CommonWords {
    /// Months and days of the week: never a place ("in March", "on Sunday").
    static let calendar: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    static let all: Set<String> = {
        let text = """
            a about above across after again against ago ahead all almost alone along already also although always am
            among an and another any anyone anything are area around as ask at away back bad be because been before
            began behind being below best better between beyond big both bring but by call came can cannot case cause
            central certain change city clear close come could country course cut day days deal despite did do does
            done down during each early east eastern either else end enough even ever every eye face fact fall far
            federal few field final first five follow for force former four free from front full further gave general
            get give given go going good got great ground group half hand hard has have he head hear heard help her
            here high him his hit hold home hope house how however i if in including inside instead into is it its
            just keep key kind king know known land large last late later lead least leave left less let life like
            line little live local long look lost low made main major make man many march may me mean meanwhile men
            might mile miles more most mount move much must my name national near need never new news next nine no
            none nor north northern not nothing now number of off office official officials often old on once one
            only open or order other our out outside over own part past people per place plan point power press
            prime public put rather read reading real region report reported reports rest right road rock round rule
            run said same saw say says second see seen send sent set seven several shall she short should side since
            six so some south southern spring staff star start state still stop such summer sun support sure take
            taken ten than that the their them then there these they thing third this those though three through
            thus time to today together told too top toward town true try turn two under union unit until up upon
            us use very victory view wall want war was water way we week well went were west western what when where
            whether which while white who whole why will win winter with within without word work world would year
            years yes yet you young your
            monday tuesday wednesday thursday friday saturday sunday
            january february april june july august september october november december
            mobile bath split nice orange wells reading deal hull gay why worms moody bliss speed
            truth justice liberty independence unity peace hope freedom progress trade rich fort beach bay
            grand canal ferry bridge forest park national black white red green blue great little upper lower
            middle golden silver royal central capital holy sacred ancient modern historic nino nina
            """
        return Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
    }()
}
