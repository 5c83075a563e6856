/// Given names common in the news geotag reads. A given name that is also a town
/// ("Jordan", "Paris", "Layla", "Omar") followed by a capitalised word is a person
/// ("Jordan Peterson", "Layla Hassan"), and so is the word after it. Folded.
enum GivenNames {
    static let all: Set<String> = {
        let text = """
            mohammed mohammad muhammad mohamed ahmed ahmad ali omar umar hassan hasan hussein husain hussain mahmoud
            mustafa mostafa khalid khaled abdullah abdallah abdul abdel ibrahim youssef yusuf yousef salah saleh samir
            tariq tarek ziad layla leila laila fatima fatma aisha mariam maryam nour noor rania hana amal sara sarah
            zainab zeinab haider haidar hamid jamal karim nabil rashid rasheed walid yasser yasir adnan faisal fadi
            bashar hafez nouri masoud masrour nechirvan mazloum qais muqtada ammar osama usama hamza bilal anas amir
            amira hadi haitham hisham imad issa jaber jawad kamal majid mazen munir nasser nizar qasim qassem rami
            riyad salim sami shadi sultan taha wael yahya yasin zaid zayed khalil kadhim kazem mohsen reza hamed
            john james michael david robert william richard joseph thomas charles mary jennifer elizabeth linda susan
            jessica paul mark peter george donald joe barack hillary boris emmanuel angela vladimir recep benjamin
            jordan paris florence victoria charlotte austin lincoln chelsea sydney madison jackson dallas houston
            tyler savannah georgia virginia orlando kingston hamilton murray chester clifton denver eugene marion
            milton quincy alexander alexandra andrew anthony brian christopher daniel edward eric frank gary henry
            jack jason jeffrey kevin lawrence matthew nicholas patrick ryan scott stephen steven timothy walter
            anna catherine emily emma helen julia laura lisa maria nancy rachel rebecca ruth sophia
            """
        return Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
    }()
}
