/// Words that are usually parts of people's names in English-language news: given
/// names (``GivenNames``) and common surnames. A town named like one ("Allen",
/// "Nelson", "Taylor") is the person unless the context says place or the place is
/// notable. Folded.
enum Surnames {
    static let all: Set<String> = {
        let text = """
            smith johnson williams brown jones miller davis garcia rodriguez wilson martinez anderson taylor thomas
            hernandez moore martin jackson thompson white lopez lee gonzalez harris clark lewis robinson walker perez
            hall young allen sanchez wright king scott green baker adams nelson hill ramirez campbell mitchell roberts
            carter phillips evans turner torres parker collins edwards stewart flores morris nguyen murphy rivera cook
            rogers morgan peterson cooper reed bailey bell gomez kelly howard ward cox diaz richardson wood watson
            brooks bennett gray james reyes cruz hughes price myers long foster sanders ross morales powell sullivan
            russell ortiz jenkins gutierrez perry butler barnes fisher henderson coleman simmons patterson jordan
            reynolds hamilton graham kim gonzales alexander ramos wallace griffin west cole hayes chavez gibson bryant
            ellis stevens murray ford marshall owens mcdonald harrison ruiz kennedy wells alvarez woods mendoza castillo
            olson webb washington tucker freeman burns henry vasquez snyder simpson crawford jimenez porter mason shaw
            gordon wagner hunter romero hicks dixon hunt palmer robertson black holmes stone meyer boyd mills warren
            fox rose rice moreno schmidt patel ferguson nichols herrera medina ryan fernandez weaver daniels stephens
            gardner payne kelley dunn pierce arnold tran spencer peters hawkins grant hansen castro hoffman hart elliott
            cunningham knight bradley carroll hudson duncan armstrong berry andrews johnston ray lane riley carpenter
            perkins aguilar silva richards willis matthews chapman lawrence garza vargas watkins wheeler larson carlson
            harper george greene burke guzman morrison munoz jacobs obrien lawson franklin lynch bishop carr salazar
            austin mendez gilbert jensen williamson montgomery harvey oliver howell dean hanson weber garrett sims
            burton fuller soto mccoy welch chen guerrero wang li zhang liu yang huang zhao wu zhou xu sun ma zhu hu
            guo he lin luo gao zheng liang xie tang han cao deng feng zeng peng xiao cai pan tian dong yuan jiang
            singh kumar sharma gupta khan shah ali ahmed hussain rahman mohammed abdullah ibrahim hassan
            mueller schneider fischer weber becker schulz hoffmann koch richter klein wolf neumann schwarz zimmermann
            rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti costa
            dubois durand leroy moreau simon laurent lefebvre michel garcia david bertrand roux vincent fournier
            ivanov smirnov kuznetsov popov sokolov lebedev kozlov novikov morozov petrov volkov solovyov
            mcgregor macdonald maclean mckenzie murdoch keith craig francis barry sutton bassett evans holloway kaplan
            sandberg gillen dubreuil macy bautista
            """
        return Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
    }()
}
