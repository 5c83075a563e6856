#!/usr/bin/env python3
"""Builds regression.jsonl, geotag's regression gold set, from the documents below.

The documents are short news-style texts written for this set (invented events, real
geography): half about Iraq, Syria and their neighbours, half about the rest of the
world. They are full of the traps of issue 4: multi-word and hyphenated names, names
at sentence start, in headlines and all-caps datelines, "X, Y" hierarchies, lists,
"the city of X", "X province", "near X", spelling variants, Arabic script with
clitics, and words that look like places but are not.

Annotation rules
----------------
1. Annotate every mention of a place that a careful analyst would put on a map:
   countries, provinces/governorates/states, districts, regions the gazetteer can
   hold, cities, towns, villages and refugee camps. Dateline names count ("MOSUL,
   Iraq (Reuters) –": both), and so do names in headlines.
2. The span is the name only: "Diyala" in "Diyala province", "Mosul" in "the city of
   Mosul", "الحسكة" in "والحسكة" (the Arabic clitic و "and" is left out), "Hit" in
   "near Hit". A hierarchy "Rmelan, Hasakah" is two toponyms.
3. An adjective of nationality that modifies a noun is a toponym of its country
   ("Iraqi troops", "Turkish-backed fighters", "the Syrian government"), as in
   GeoWebNews, when it names one country or region (data/gazetteer/lexicon/
   nationality-adjectives.tsv).
4. Do NOT annotate demonyms that name people ("Iraqis", "the Syrians said"),
   adjectives of peoples and faiths ("Kurdish", "Arab", "Yazidi"), organisations, media, companies, universities, banks, armed groups and sports
   clubs even when their name holds a place name ("Syrian Democratic Forces",
   "Al Arabiya", "Bank of Baghdad", "New York Times", "Real Madrid"), people's names
   ("Jordan Peterson", "Paris Hilton"), streets, buildings, border crossings and
   other facilities, and common words that are also town names ("Hit", "Of",
   "Reading", "Mobile", "Bath", "March", "Snow", "Police") when they are used as
   words. Rivers, seas and mountains are avoided in the texts.
5. The point of a toponym is the GeoNames place the text means, as `geotag lookup
   NAME` lists it, chosen by reading the text, never by taking the first candidate:
   "Kirkuk province" is the ADM1, "in Kirkuk" the city; a dateline names the city;
   "Tripoli, Lebanon" is not the Libyan capital; "Birmingham" in an Alabama story is
   Birmingham, Alabama. A name of a place GeoNames has under another spelling still
   gets that place's id ("Deir Ezzor" is 170794 even if the gazetteer lacks that
   spelling). Only a place the gazetteer lacks entirely gets `geonameid: null`, with
   coordinates from its Wikipedia article (MANUAL below), and that is rare.
6. `type` is "Literal"; "Metonymic" where a capital stands for its government
   ("Washington said", "Ankara rejected"); "Modifier" for an adjective (rule 3).

Markup of the source texts
--------------------------
    [[Deir ez-Zor|170794]]      a toponym and its GeoNames id (negative: overlay place)
    [[Ankara|323786|M]]         a metonymic toponym
    [[Iraqi|99237|A]]           an adjective of nationality (type Modifier)
    [[Zaatari|~zaatari]]        a place the gazetteer lacks: coordinates from MANUAL
    {{Jordan Peterson}}         a non-place that must never be predicted as a place

Non-places go to each document's `not_places` list (start, end, text); `geotag eval`
ignores that key and RegressionGoldTests checks that nothing predicted overlaps them.

Coordinates come from places.tsv beside this script (id, name, feature code,
country, lat, lon), a table filled from `geotag lookup`. Running

    python3 build_gold.py                  # writes regression.jsonl from places.tsv
    python3 build_gold.py --lookup         # refreshes places.tsv with geotag lookup first

needs nothing else for the first form; `--lookup` needs a built `geotag` binary and
gazetteer (--geotag PATH, --gazetteer PATH). The output is deterministic: the same
sources give the same bytes. Every span is checked (`text[start:end] == name`, offsets
in Unicode scalars, which is what a Python str indexes), and so is consistency: a
string annotated as a toponym anywhere in the set must be annotated, or marked as a
non-place, wherever else it occurs with the same case.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLACES_TSV = os.path.join(HERE, "places.tsv")
OUTPUT = os.path.join(HERE, "regression.jsonl")

# Places the gazetteer lacks entirely: key -> (lat, lon, source).
MANUAL: dict[str, tuple[float, float, str]] = {}

# Extra names to look a place up by when its surface forms in the texts do not find it
# (a spelling variant the gazetteer lacks): id -> name the gazetteer holds.
LOOKUP_HINTS = {
    170794: "Deir ez-Zor",
    2017370: "Russia",
    51537: "Somalia",
    192950: "Kenya",
    91695: "Salah al-Din",
    163434: "Tell Tamer",
    6252001: "United States",
    174448: "Abu Kamal",
    167611: "Maarrat al-Numan",
    172256: "Kobani",
    203312: "Democratic Republic of the Congo",
}

# (id, text). Ids: "me-" Iraq, Syria and neighbours; "ww-" the rest of the world.
DOCS = [
    # ---------------------------------------------------------------- Iraq, Syria and neighbours
    ("me-01", """[[DEIR EZ-ZOR|170794]], [[Syria|163843]] (Reuters) – Two car bombs exploded on Sunday in [[Deir ez-Zor|170794]], killing at least nine people, a monitoring group said. The blasts tore through a vegetable market in the east of the city. The {{Syrian Democratic Forces}}, which hold the countryside on the other bank, blamed Islamic State cells hiding in the desert near [[Abu Kamal|174448]]."""),

    ("me-02", """[[RAS AL-AIN|165509]], [[Syria|163843]] (AP) — [[Turkish|298795|A]]-backed fighters shelled villages west of [[Ras al-Ain|165509]] overnight, residents said, as [[Turkey|298795]] pressed its demand for a buffer zone along the border. Shells also fell near [[Tal Tamr|163434]], forcing families to flee south towards [[Hasakah|173811]]. [[Ankara|323786|M]] said its forces had only returned fire."""),

    ("me-03", """[[MOSUL|99072]], [[Iraq|99237]] (Reuters) – [[Iraqi|99237|A]] troops began clearing villages between [[Tal Afar|90393]] and [[Sinjar|448149]] on Tuesday, a military statement said. The operation in western [[Nineveh|92877]] province follows a string of attacks on army checkpoints. "[[Tal Afar|90393]] is secure and its people can go back to their fields," Brigadier General {{Yahya Rasool}} told reporters in the city of [[Mosul|99072]]."""),

    ("me-04", """Oil workers in [[Rmelan|-1]], [[Hasakah|173813]], walked out on Monday over months of unpaid wages, the {{Kurdish}}-led administration said. The fields around [[Rmelan|-1]] supply most of the crude refined in north-east [[Syria|163843]]. Officials in [[Qamishli|173377]] said talks would resume on Wednesday. A spokeswoman, {{Layla Hassan}}, told {{Al Arabiya}} that salaries would be paid by the end of the month."""),

    ("me-05", """[[BAQUBAH|97990]], [[Iraq|99237]] (Reuters) – A roadside bomb killed three soldiers on Thursday near [[Muqdadiyah|99062]], 30 km north-east of [[Baqubah|97990]], [[Diyala|96965]] province, police said. {{Iraqi security forces}} sealed off the orchards around the town and searched houses. [[Diyala|96965]] has seen a rise in attacks since January, according to officials in [[Baghdad|98182]]."""),

    ("me-06", """Heatwave brings power cuts to northern [[Iraq|99237]]

[[ERBIL|95446]], [[Iraq|99237]] (AP) — Power cuts hit [[Mosul|99072]], [[Kirkuk|94787]] and [[Erbil|95446]] for a third day as temperatures topped 49 C, the electricity ministry said. Hundreds of people protested outside the provincial council in [[Kirkuk|94787]]. "We cannot sleep, we cannot work," said {{Ahmed Saleh}}, a teacher."""),

    ("me-07", """[[RAMADI|98717]], [[Iraq|99237]] (Reuters) – Clashes in [[Hit|95788]], in [[Anbar|99592]] province, killed four militants and a soldier on Friday, the Joint Operations Command said. Troops later pushed into villages between [[Hit|95788]] and [[Haditha|96309]]. Residents of [[Ramadi|98717]] reported long queues of military vehicles on the highway to [[Fallujah|99454]]."""),

    ("me-08", """Oil slump squeezes [[Iraqi|99237|A]] budget

[[BAGHDAD|98182]] (Reuters) – {{Hit}} hard by the fall in crude prices, [[Iraq|99237]] has delayed public sector pay rises, the finance ministry said on Sunday. The shortfall will be felt most in the southern cities of [[Basra|99532]] and [[Nasiriyah|98854]], where unemployment is highest. {{Hit}} by the same slump last year, the government borrowed from the central bank."""),

    ("me-09", """The border crossing between [[Al-Bukamal|174448]] and the [[Iraqi|99237|A]] town of [[Al-Qaim|92138]] reopened on Monday after two years, officials from both countries said. Trucks loaded with fruit from [[Syria|163843]] queued for several kilometres. "[[Abu Kamal|174448]] is alive again," said a trader who gave his name as {{Abu Omar}}."""),

    ("me-10", """[[IDLIB|169389]], [[Syria|163843]] (AFP) - Air strikes hit [[Kafr Nabl|168661]] and [[Maarat al-Numan|167611]] in southern [[Idlib|169387]] province on Wednesday, rescuers said. Eleven civilians were killed in [[Kafr Nabl|168661]], a town known for the satirical banners its residents raised at protests. [[Damascus|170654|M]] and [[Moscow|524901|M]] deny targeting civilians."""),

    ("me-11", """قالت مصادر محلية إن انفجاراً وقع في مدينة [[دير الزور|170794]] صباح الأحد وأسفر عن مقتل ثلاثة أشخاص. وأضافت المصادر أن حركة المرور بين [[بغداد|98182]] و[[الموصل|99072]] عادت إلى طبيعتها بعد إغلاق دام يومين."""),

    ("me-12", """أعلنت الإدارة الذاتية فرض حظر تجول في [[القامشلي|173377]] و[[الحسكة|173811]] بعد هجمات استهدفت حواجز أمنية. وقال مسؤول في [[رميلان|-1]] إن الحقول النفطية لم تتأثر بالهجمات."""),

    ("me-13", """وصل وفد حكومي إلى [[الموصل|99072]] قادماً من [[بغداد|98182]] لبحث إعادة إعمار المدينة القديمة. وقال رئيس {{جامعة الموصل}} إن المكتبة المركزية ستفتح أبوابها الشهر المقبل. وشهدت محافظة [[نينوى|92877]] عودة آلاف النازحين."""),

    ("me-14", """[[QAMISHLI|173377]], [[Syria|163843]] (Reuters) – A car bomb exploded near a church in [[Al-Qamishli|173377]] on Saturday, wounding six people, the {{Kurdish}} {{Asayish}} police said. The city faces the [[Turkish|298795|A]] town of [[Nusaybin|303750]] across the border wall. Checkpoints were reinforced in [[Amuda|173230]] and [[Derik|173530]], further east."""),

    ("me-15", """Water supplies to [[Hasaka|173811]] were cut again on Tuesday after the main pumping station near [[Ras al-Ain|165509]] stopped working, the United Nations said. More than 460,000 people in [[Al-Hasakah|173811]] city and in nearby camps, including [[al-Hol|173797]], depend on the station. Aid groups trucked water from [[Qamishli|173377]]."""),

    ("me-16", """Gunmen killed a local council member in [[Baquba|97990]] late on Tuesday, security sources said. {{Police}} said the attackers fled towards [[Khanaqin|94591]], near the border with [[Iran|130758]]. It was the third such killing in [[Diyala|96965]] province this month."""),

    ("me-17", """[[ARBIL|95446]], [[Iraq|99237]], {{March}} 3 (Reuters) - The {{Kurdistan Regional Government}} said on Tuesday it had begun paying February salaries to public employees in [[Arbil|95446]], [[Sulaymaniyah|98463]] and [[Duhok|96994]]. Teachers in [[Sulaymaniyah|98463]] have been on strike since January. [[Baghdad|98182|M]] and the regional government have argued for years over oil revenues."""),

    ("me-18", """Coalition aircraft struck an Islamic State hideout east of [[Deir Ezzor|170794]] on Thursday, the {{Syrian Democratic Forces}} said. The {{SDF}} said fighting continued in the villages between [[Hajin|174506]] and [[al-Mayadin|173480]]. [[Syrian|163843|A]] state media said the strikes killed civilians."""),

    ("me-19", """Wheat farmers in [[Dayr az-Zawr|170792]] province say this year's harvest is the worst in a decade. Prices in the markets of [[Raqqa|172955]] have doubled since spring, traders said. Most of the grain used to be trucked west to [[Homs|169577]] and [[Damascus|170654]]."""),

    ("me-20", """Residents of [[Deir Al-Zour|170794]] told {{Al Arabiya}} that electricity had been off for five days. "We live on generators," said one, a shopkeeper in the city centre. The [[Syrian|163843|A]] government blamed sabotage of the power line from [[Palmyra|163808]]."""),

    ("me-21", """[[BAGHDAD|98182]] (Reuters) – Students at {{Baghdad University}} staged a sit-in on Monday to demand jobs, the second in a week. Separately, the {{Bank of Baghdad}} said it would open new branches in [[Basra|99532]] and [[Najaf|98860]] this year. The protests in [[Baghdad|98182]] have spread to [[Karbala|94824]] and [[Kut|99131]]."""),

    ("me-22", """The central library of the {{University of Mosul}}, burned by Islamic State in 2015, reopened on Sunday with 30,000 donated books. Students crowded into the reading rooms on the east bank of the city of [[Mosul|99072]]. Donations came from [[Erbil|95446]], [[Jordan|248816]] and as far away as [[Canada|6251999]]."""),

    ("me-23", """[[AMMAN|250441]] (Reuters) – [[Jordan|248816]] will reopen its main border crossing with [[Syria|163843]] next week, the interior ministry said on Sunday. Traders in [[Irbid|248946]] and [[Mafraq|250582]] have lobbied for the move for months. The [[Zaatari|-401]] refugee camp, near [[Mafraq|250582]], still shelters about 80,000 Syrians."""),

    ("me-24", """[[TRIPOLI|266826]], [[Lebanon|272103]] (Reuters) – Gunmen from rival neighbourhoods traded fire in [[Tripoli|266826]] for a second night, a security source said, killing two people. The army deployed in the city's streets on Friday. In the [[Bekaa|280282]] valley, farmers near [[Baalbek|277130]] blocked the road to [[Beirut|276781]] to protest against fuel prices."""),

    ("me-25", """[[KUWAIT CITY|285787]] (Reuters) – [[Kuwait|285570]] and [[Saudi Arabia|102358]] agreed on Tuesday to resume oil output from their shared fields, halted since 2015. [[Riyadh|108410|M]] said production would restart within months. Traffic across the desert border at [[Jahra|285799]] was normal, police said."""),

    ("me-26", """[[Turkish|298795|A]] {{Police}} Detain Dozens {{Of}} Suspects In [[Gaziantep|314830]] Raids

[[GAZIANTEP|314830]], [[Turkey|298795]] (Reuters) – [[Turkish|298795|A]] police detained 42 people in dawn raids in [[Gaziantep|314830]] and [[Sanliurfa|298333]] on Wednesday, state media said. The suspects are accused of smuggling people across the border from [[Syria|163843]] near [[Akcakale|324944]]."""),

    ("me-27", """Floods swept through [[Of|741240]], a town in [[Trabzon|738647]] province in north-eastern [[Turkey|298795]], on Tuesday after two days of heavy rain, killing three people. Rescue teams from [[Trabzon|738648]] and [[Rize|740483]] searched for a missing fisherman. Shops in the centre of [[Of|741240]] were under a metre of water."""),

    ("me-28", """Hundreds of thousands of [[Iranian|130758|A]] pilgrims crossed into [[Iraq|99237]] at [[Mehran|124291]] this week on their way to [[Karbala|94824]], [[Iraqi|99237|A]] officials said. Others entered through [[Qasr-e Shirin|119586]] further north. [[Tehran|112931|M]] said it had laid on 3,000 buses."""),

    ("me-29", """Security forces in [[Salahuddin|91695]] province arrested 12 suspected militants on Saturday, the provincial police chief said. The raids were carried out in [[Samarra|91597]], [[Tikrit|90150]] and [[Baiji|97783]]. [[Samarra|91597]], home to a revered shrine, has been under tight security since 2006."""),

    ("me-30", """[[BASRA|99532]], [[Iraq|99237]] (Reuters) – Oil exports from [[Basra|99532]] rose to 3.4 million barrels a day in May, the oil ministry said. Tankers also loaded at the port of [[Umm Qasr|89824]], near the border with [[Kuwait|285570]]. Protesters in [[Basra|89341]] province have demanded a larger share of the revenue."""),

    ("me-31", """[[ALEPPO|170063]], [[Syria|163843]] (AFP) - Shelling hit the {{Kurdish}}-majority town of [[Afrin|174186]] north of [[Aleppo|170063]] on Monday, a war monitor said. Fighting also flared near [[Manbij|167357]], where [[Turkish|298795|A]] and [[Syrian|163843|A]] forces face each other. Hundreds of families fled to [[Kobani|172256]]."""),

    ("me-32", """[[Najaf|98860]] and [[Karbala|94824]] braced for millions of visitors as the Arbaeen pilgrimage began on Sunday. Authorities in [[Hilla|99347]], the capital of [[Babil|98227]] province, opened schools to house pilgrims walking from [[Basra|99532]]. "The road is full day and night," said {{Hussein Ali}}, a volunteer."""),

    ("me-33", """[[Tal Afar|90393]] farmers return to burned fields

[[Tal Afar|90393]] farmers are returning to fields burned in last year's fighting, the UN food agency said. In [[Tal Afar|90393]] district, only a third of the land was planted. Farmers near [[Ras al-Ain|165509]], across the border in [[Syria|163843]], face the same problem, it said."""),

    ("me-34", """[[Kafr Nabl|168661]] residents returned to the ruins of their town on Friday after a ceasefire took hold in [[Idlib|169387]] province, a witness said. Families from [[Saraqib|164816]] and [[Jisr al-Shughur|169023]] also headed home. "There is nothing left, but it is ours," one man told {{Reuters}} by telephone from [[Kafr Nabl|168661]]."""),

    ("me-35", """[[Abu Kamal|174448]], [[Syria|163843]] - [[Iranian|130758|A]]-backed militias moved heavy weapons into [[Abu Kamal|174448]] over the weekend, a war monitor said. The town, across from [[Al-Qaim|92138]] in [[Iraq|99237]]'s [[Anbar|99592]] province, sits on the main supply route from [[Iran|130758]] to [[Lebanon|272103]]."""),

    ("me-36", """A convoy of 40 tankers left the oil fields at [[Rmelan|-1]], [[Hasakah|173813]], on Sunday, heading for the border town of [[Derik|173530]], local officials said. "The wells are old but they still pump," said {{Layla Hassan}}, an engineer who has worked in [[Rmelan|-1]] for 20 years. The fields were shut for a week after drone strikes near [[Qamishli|173377]]."""),

    ("me-37", """[[BAGHDAD|98182]] (Reuters) – {{Iraqi security forces}} fired tear gas at students from {{Baghdad University}} who tried to march to {{Tahrir Square}} on Tuesday, witnesses said. Dozens were hurt, medics said. Protests also broke out in [[Baqubah|97990]], [[Diyala|96965]] province, and in [[Nasiriyah|98854]], the capital of [[Dhi Qar|97019]]."""),

    ("me-38", """{{Snow}} blanketed [[Amman|250441]] and much of northern [[Jordan|248816]] on Wednesday, closing schools and government offices. {{Snow}} also fell on the mountains around [[Baalbek|277130]] in eastern [[Lebanon|272103]], where aid groups handed out heaters to refugees. In [[Saudi Arabia|102358]], temperatures near [[Arar|108512]] dropped below freezing."""),

    # ---------------------------------------------------------------- the rest of the world
    ("ww-01", """[[NEW YORK|5128581]] (Reuters) – Subway service in [[New York|5128581]] was suspended for three hours on Monday after a power failure, the transit authority said. The mayor told the {{New York Times}} that the system needed billions in repairs. Commuters from [[New Jersey|5101760]] were stranded at {{Penn Station}}."""),

    ("ww-02", """Fire destroys furniture warehouse in [[Reading|2639577]]

A fire in [[Reading|2639577]], west of [[London|2643743]], destroyed a warehouse full of furniture on Sunday night, firefighters said. Crews from [[Slough|2637627]] and [[Swindon|2636389]] helped to bring the blaze under control. No one was hurt, and roads in the centre of [[Reading|2639577]] reopened on Monday."""),

    ("ww-03", """{{Reading}} from a prepared statement, the minister apologised for the delays at [[Manchester|2643123]] airport. {{Reading}} between the lines, analysts said, the government had given up on the new terminal. Airlines said passengers at [[Liverpool|2644210]] and [[Leeds|2644688]] had also been hit."""),

    ("ww-04", """[[MOBILE|4076598]], [[Alabama|4829764]] (AP) — {{Hurricane Sally}} knocked out power to 200,000 homes in and around [[Mobile|4076598]] on Wednesday, utilities said. Flooding closed roads from [[Gulf Shores|4065552]] to [[Pensacola|4168228]], [[Florida|4155751]]. The governor said National Guard troops were on their way from [[Montgomery|4076784]] and [[Birmingham|4049979]]."""),

    ("ww-05", """{{Mobile}} phone users in [[Nigeria|2328926]] will have to link their SIM cards to a national ID number by the end of the year, the regulator said. {{Mobile}} operators in [[Lagos|2332459]] and [[Abuja|2352778]] reported long queues at registration centres. {{Mobile}} money services have grown fast since 2020."""),

    ("ww-06", """[[BATH|2656173]], [[England|6269131]] (Reuters) – Floodwater rose through the centre of the city of [[Bath|2656173]] on Saturday after a week of rain, closing the {{Roman Baths}} to visitors. Residents in [[Bristol|2654675]] and across [[Somerset|2637532]] were told to prepare for more flooding."""),

    ("ww-07", """{{Bath}} and kitchen fittings were stripped from dozens of empty council flats in [[Glasgow|2648579]], an inquiry heard on Tuesday. {{Bath}} tubs, sinks and copper pipes were sold for scrap, the inquiry was told. {{Police}} in [[Scotland|2638360]] made four arrests."""),

    ("ww-08", """[[March|2643071]], a market town in [[Cambridgeshire|2653940]], was cut off by floodwater on Thursday, and the army helped to evacuate care homes. Roads to [[Wisbech|2633771]] and [[Peterborough|2640354]] were closed. "I have lived in [[March|2643071]] for 60 years and never seen anything like it," said one resident."""),

    ("ww-09", """[[LONDON|2643743]], {{March}} 12 (Reuters) - {{March}} was the wettest month on record in [[England|6269131]] and [[Wales|2634895]], the Met Office said on Tuesday. Rainfall in [[Cardiff|2653822]] was three times the average. {{Snow}} fell on high ground in [[Scotland|2638360]] as late as the last week of the month."""),

    ("ww-10", """{{Snow}} Paralyses Northern [[Poland|798544]]

{{Snow}} closed roads across northern [[Poland|798544]] on Monday and cut power to thousands of homes, officials said. Workers at the chemical plant in [[Police|3088461]], north of [[Szczecin|3083829]], were sent home. Trains between [[Gdansk|3099434]] and [[Warsaw|756135]] ran hours late."""),

    ("ww-11", """[[PARIS|2988507]] (Reuters) – {{Police}} in [[Paris|2988507]] fired tear gas at protesters on Saturday as thousands marched against pension reform. {{Police}} said 41 people were arrested. Similar marches took place in [[Lyon|2996944]], [[Marseille|2995469]] and [[Nantes|2990969]]."""),

    ("ww-12", """[[LOS ANGELES|5368361]] (AP) — {{Paris Hilton}} opened a new restaurant in [[Los Angeles|5368361]] on Friday, drawing a crowd of fans. {{Paris Hilton}}, who grew up in [[New York|5128581]] and [[Beverly Hills|5328041]], said she planned a second one in [[Las Vegas|5506956]]."""),

    ("ww-13", """Tornado hits [[Paris|4717560]], [[Texas|4736286]]

A tornado tore through [[Paris|4717560]], [[Texas|4736286]], on Tuesday evening, damaging dozens of homes, the sheriff said. The town of about 25,000 lies north-east of [[Dallas|4684888]], near the [[Oklahoma|4544379]] border. Shelters opened in [[Paris|4717560]] and nearby [[Bonham|4675577]]."""),

    ("ww-14", """[[TORONTO|6167865]] (Reuters) – {{Jordan Peterson}}, the [[Canadian|6251999|A]] psychologist, drew protesters to a sold-out talk in [[Toronto|6167865]] on Saturday. {{Jordan Peterson}} will speak in [[Vancouver|6173331]] and [[Montreal|6077243]] next month, organisers said."""),

    ("ww-15", """[[NAIROBI|184745]] (Reuters) – Drought has left 2 million people short of food in northern [[Kenya|192950]], aid groups said on Monday. "The rains failed three seasons in a row," {{Dave Allen}}, a spokesman for a charity in [[Nairobi|184745]], said. Food prices in [[Mombasa|186301]] have risen by a third."""),

    ("ww-16", """[[WASHINGTON|4140963]] (Reuters) – [[Washington|4140963|M]] said on Friday it would raise tariffs on steel from [[China|1814991]], and [[Beijing|1816670|M]] promised to respond. The [[U.S.|6252001]] trade representative said talks could resume in [[Geneva|2660646]] next month."""),

    ("ww-17", """[[MAIDUGURI|2331447]], [[Nigeria|2328926]] (Reuters) – Suspected jihadists killed 18 farmers near [[Maiduguri|2331447]], the capital of [[Borno|2346794]] state, residents said on Sunday. The army said it had sent troops from [[Abuja|2352778]]. Attacks in [[Borno|2346794]] have forced two million people from their homes."""),

    ("ww-18", """Fighting around [[El Fasher|379555]], the capital of [[North Darfur|408666]] state, has trapped hundreds of thousands of civilians, the United Nations said. The city is the last in [[Darfur|-302]] not held by the paramilitary Rapid Support Forces. Talks in [[Jeddah|105343]] to end [[Sudan|366755]]'s war have stalled, and the army runs the country from [[Port Sudan|377039]] instead of [[Khartoum|379252]]."""),

    ("ww-19", """[[GOMA|216281]], [[Democratic Republic of the Congo|203312]] (Reuters) – Rebels advanced to within 20 km of [[Goma|216281]] on Wednesday, the main city of [[North Kivu|206938]] province, residents said. The government in [[Kinshasa|2314302]] accused [[Rwanda|49518]] of backing the rebels, which [[Kigali|202061|M]] denies."""),

    ("ww-20", """[[TRIPOLI|2210247]], [[Libya|2215636]] (Reuters) – Armed groups clashed in southern [[Tripoli|2210247]] overnight, closing the city's only working airport. Flights were diverted to [[Misrata|2214846]], about 200 km to the east. The rival government in [[Benghazi|88319]] blamed the capital's authorities."""),

    ("ww-21", """[[ALEXANDRIA|361058]], [[Egypt|357994]] (AP) — Heavy rain flooded streets in [[Alexandria|361058]] on Sunday and two people were electrocuted, officials said. Trains to [[Cairo|360630]] were delayed by several hours. Schools in [[Alexandria|361058]] will stay shut on Monday."""),

    ("ww-22", """[[KYIV|703448]] (Reuters) – [[Russian|2017370|A]] drones struck energy facilities in [[Kharkiv|706483]] and [[Odesa|698740]] overnight, officials said, leaving parts of both cities without power. Air raid alerts sounded across [[Ukraine|690791]], including in [[Kyiv|703448]] and [[Lviv|702550]]."""),

    ("ww-23", """[[BERLIN|2950159]] (Reuters) – [[Germany|2921044]] and [[Poland|798544]] agreed on Thursday to build a new rail link between [[Berlin|2950159]] and [[Warsaw|756135]], cutting the journey to under four hours. Trains would also run from [[Hamburg|2911298]], the two transport ministers said."""),

    ("ww-24", """[[MADRID|3117735]] (Reuters) – Flash floods killed at least 60 people in and around [[Valencia|2509954]], the worst disaster in [[Spain|2510769]] in decades. {{Real Madrid}} and {{Valencia CF}} postponed Sunday's match. Troops were sent from [[Madrid|3117735]] and [[Seville|2510911]] to help."""),

    ("ww-25", """[[MANCHESTER|2643123]], [[England|6269131]] (Reuters) – {{Manchester United}} announced plans on Tuesday for a new 100,000-seat stadium in [[Manchester|2643123]]. City leaders in [[Birmingham|2655603]] and [[Leeds|2644688]] said they hoped for similar investment in their regions."""),

    ("ww-26", """[[MEXICO CITY|3530597]] (Reuters) – Gunmen killed a mayor in the state of [[Guerrero|3527213]] on Monday, the third this year, [[Mexico|3996063]]'s security ministry said. Violence has also risen in [[Ciudad Juarez|4013708]] and [[Tijuana|3981609]] on the border with the [[United States|6252001]]."""),

    ("ww-27", """[[BOGOTA|3688689]] (Reuters) – [[Colombia|3686110]] and [[Venezuela|3625428]] reopened their border on Monday, letting trucks cross near [[Cucuta|3685533]] for the first time in seven years. Business leaders in [[Bogota|3688689]], [[Medellin|3674962]] and [[Caracas|3646738]] welcomed the move."""),

    ("ww-28", """[[SAO PAULO|3448439]] (Reuters) – Record heat pushed power demand in [[Sao Paulo|3448439]] to an all-time high on Wednesday, grid operator ONS said. Temperatures in [[Rio de Janeiro|3451190]] reached 42 C. Much of southern [[Brazil|3469034]] has had no rain for two months."""),

    ("ww-29", """[[NEW DELHI|1261481]] (Reuters) – [[India|1269750]] and [[Pakistan|1168579]] agreed to reopen the border crossing near [[Lahore|1172451]] for pilgrims, officials in [[New Delhi|1261481]] said. Smog forced schools to close in [[Delhi|1273294]] and [[Lahore|1172451]] for a week."""),

    ("ww-30", """[[KABUL|1138958]] (Reuters) – An earthquake of magnitude 6.3 struck western [[Afghanistan|1149361]] on Saturday, killing hundreds of people in villages near [[Herat|1140026]], officials said. Aid flights left [[Kabul|1138958]] and [[Kandahar|1138336]] on Sunday."""),

    ("ww-31", """[[TOKYO|1850147]] (Reuters) – A magnitude 7.1 earthquake shook western [[Japan|1861060]] on Thursday, halting bullet trains between [[Osaka|1853909]] and [[Tokyo|1850147]], the weather agency said. There were no reports of damage at nuclear plants in [[Fukui|1863983]] prefecture."""),

    ("ww-32", """[[MANILA|1701668]] (Reuters) – Typhoon Koinu forced 30,000 people from their homes in the northern [[Philippines|1694008]] on Tuesday before heading towards [[Taiwan|1668284]]. Flights from [[Manila|1701668]] to [[Hong Kong|1819730]] and [[Taipei|1668341]] were cancelled."""),

    ("ww-33", """[[NEW YORK|5128581]], {{March}} 5 (Reuters) - Stocks fell on {{Wall Street}} on Monday as investors worried about rising interest rates. The {{New York Times}} said the selloff began in [[Tokyo|1850147]] and spread to [[London|2643743]] before markets opened in [[New York|5128581]]."""),

    ("ww-34", """{{Hit}} by two years of drought, farmers in southern [[Madagascar|1062947]] are eating cactus leaves to survive, the World Food Programme said. {{Hit}} hardest is the region around [[Ambovombe|1079048]], where a third of children are malnourished. Food convoys left [[Antananarivo|1070940]] on Monday."""),

    ("ww-35", """Shipyard workers in [[Mobile|4076598]], [[Alabama|4829764]], voted on Thursday to accept a new contract, ending a two-week strike. The yard builds ships for the {{U.S. Navy}}. Workers at a sister yard in [[Pascagoula|4440397]], [[Mississippi|4436296]], are due to vote next week."""),

    ("ww-36", """Council workers in [[Reading|2639577]] and [[Bath|2656173]] walked out on Monday in a dispute over pay, the union said. Bin collections in [[Reading|2639577]] were suspended. {{Reading}} the union's statement, a council spokeswoman said talks would continue."""),

    ("ww-37", """{{Bank Of England}} Holds Rates As Inflation Eases

[[LONDON|2643743]] (Reuters) - The {{Bank of England}} kept interest rates unchanged on Thursday and said inflation was falling faster than expected. "They are in no hurry," said {{Dave Allen}}, chief economist at a broker in [[London|2643743]]. House prices fell in [[Edinburgh|2650225]] and [[Cardiff|2653822]] last month."""),

    ("ww-38", """[[ATLANTA|4180439]] (AP) — Storms knocked out power to 150,000 customers across [[Georgia|4197000]] on Sunday, the state's largest utility said. Trees fell on houses in [[Athens|4180386]] and [[Macon|4207400]], and flights in and out of [[Atlanta|4180439]] were delayed for hours. Coastal [[Savannah|4221552]] was spared."""),

    ("ww-39", """Car plant workers in [[London|6058560]], [[Ontario|6093943]], went on strike on Monday, halting production for the second time this year. The union said talks had broken down over pensions. Plants in [[Windsor|6182962]] and [[Kitchener|5992996]] could join the strike next week."""),
    ("me-39", """{{UN}} envoy {{Geir Pedersen}} toured the [[Middle East|-101]] this week, meeting officials in [[Damascus|170654]] and [[Beirut|276781]]. Aid to the [[Levant|-122]] had fallen by a third since January, he said, and the war in [[Syria|163843]] had spread hunger across the region."""),
    ("me-40", """[[AMMAN|250441]], [[Jordan|248816]] (AP) — [[Jordan|248816]]'s army said on Sunday it had stopped a drug convoy on the border with [[Syria|163843]], killing four smugglers who came from [[Daraa|170905]]. [[Jordan|248816]] hosts about 650,000 registered refugees, most in [[Irbid|248946]] and [[Mafraq|250582]]. The army chief visited [[Ramtha|250336]] on Monday. {{Jordan Peterson}}, whose book tour was to stop in [[Amman|250441]], cancelled it."""),
    ("ww-40", """Envoys of the [[Holy See|3164670]] met officials in [[Hanoi|1581130]] on Tuesday. The talks were the first since the General Secretary of the Communist Party of [[Vietnam|1562822]] {{Nguyen Phu Trong}} visited [[Rome|3169070]]. [[Vietnam|1562822]] has about seven million Catholics, and thousands attended {{Mass}} on Sunday. "{{I’ll}} go back next year," one bishop said."""),
    ("ww-41", """A tornado damaged homes in [[Springfield|4250542]], [[Ill.|4896861]], late on Friday, the {{National Weather Service}} said. The {{White House}} said federal help was ready. Crews from [[Peoria|4905687]] and [[Decatur|4236895]] worked through the night to restore power."""),
    ("me-41", """[[DAMASCUS|170654]] (AP) — {{Syrians}} fleeing the fighting crossed into [[Lebanon|272103]] on Sunday as [[Syrian|163843|A]] and [[Russian|2017370|A]] jets struck villages near [[Idlib|169389]]. The {{Free Syrian Army}} said its fighters still held the road south of [[Saraqib|164816]]. In [[Manbij|167357]], {{Kurdish}} and Arab elders met a {{Turkish}}-speaking envoy; "The {{Turks}} will not stop at [[Jarablus|169179]]," one said. Trucks queued at the [[Syrian|163843|A]]-[[Turkish|298795|A]] border, and the {{British}} said they would send aid."""),
    ("ww-42", """[[NAIROBI|184745]], [[Kenya|192950]] (Reuters) – [[Kenyan|192950|A]] police said on Monday they had arrested three men over an attack on a bus near [[Mombasa|186301]]. The [[Somali|51537|A]] militant group al-Shabaab claimed it. [[Somali|51537|A]] and [[Kenyan|192950|A]] officials will meet in [[Nairobi|184745]] this week. An {{African-American}} aid worker from [[Toronto|6167865]] was among the injured, the [[Canadian|6251999|A]] Foreign Ministry said; she speaks {{English}} and Swahili."""),
]


# Type flags of the markup ([[Ankara|323786|M]]) and the types they stand for.
TYPES = {None: "Literal", "M": "Metonymic", "A": "Modifier"}


def parse(doc_id, source):
    """The plain text, its toponym markup and its non-place spans."""
    pattern = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)(?:\|([A-Z]))?\]\]|\{\{([^{}]+)\}\}")
    text, toponyms, not_places = [], [], []
    length, last = 0, 0
    for match in pattern.finditer(source):
        plain = source[last:match.start()]
        text.append(plain)
        length += len(plain)
        if match.group(4) is not None:
            name = match.group(4)
            not_places.append({"start": length, "end": length + len(name), "text": name})
        else:
            name, ref, kind = match.group(1), match.group(2), match.group(3)
            if kind not in TYPES:
                sys.exit(f"{doc_id}: unknown type flag {kind!r} on {name!r}")
            toponyms.append({"start": length, "end": length + len(name), "name": name, "ref": ref,
                             "type": TYPES[kind]})
        text.append(name)
        length += len(name)
        last = match.end()
    text.append(source[last:])
    plain = "".join(text)
    for leftover in ("[[", "]]", "{{", "}}"):
        if leftover in plain:
            sys.exit(f"{doc_id}: stray markup {leftover!r} in the text")
    return plain, toponyms, not_places


def read_places():
    places = {}
    if os.path.exists(PLACES_TSV):
        with open(PLACES_TSV, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                pid, name, code, country, lat, lon = line.rstrip("\n").split("\t")
                places[int(pid)] = {"name": name, "code": code, "country": country, "lat": float(lat), "lon": float(lon)}
    return places


def write_places(places):
    with open(PLACES_TSV, "w", encoding="utf-8") as f:
        f.write("# The gazetteer points of the places regression.jsonl annotates, from `geotag lookup`\n")
        f.write("# (build_gold.py --lookup rewrites this file). id, name, feature code, country, lat, lon.\n")
        for pid in sorted(places):
            p = places[pid]
            f.write(f"{pid}\t{p['name']}\t{p['code']}\t{p['country']}\t{p['lat']}\t{p['lon']}\n")


def lookup(geotag, gazetteer, wanted):
    """wanted: id -> surface forms. Finds each id among the candidates of its names."""
    places, missing = {}, []
    for pid in sorted(wanted):
        names = sorted(wanted[pid]) + ([LOOKUP_HINTS[pid]] if pid in LOOKUP_HINTS else [])
        found = None
        for name in names:
            out = subprocess.run([geotag, "lookup", name, "--format", "jsonl", "--limit", "50", "--gazetteer", gazetteer],
                                 capture_output=True, text=True, check=True).stdout
            for line in out.splitlines():
                row = json.loads(line)
                if row["place_id"] == pid:
                    found = {"name": row["place_name"], "code": row["feature_code"], "country": row["country_code"],
                             "lat": row["lat"], "lon": row["lon"]}
                    break
            if found:
                break
        if found:
            places[pid] = found
        else:
            missing.append(f"{pid} ({', '.join(names)})")
    if missing:
        sys.exit("not among the lookup candidates of their names: " + "; ".join(missing))
    return places


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lookup", action="store_true", help="refresh places.tsv with geotag lookup first")
    parser.add_argument("--geotag", default="geotag", help="the geotag binary (for --lookup)")
    parser.add_argument("--gazetteer", default="data/gazetteer", help="the gazetteer (for --lookup)")
    args = parser.parse_args()

    parsed = []
    seen = set()
    for doc_id, source in DOCS:
        if doc_id in seen:
            sys.exit(f"duplicate document id {doc_id}")
        seen.add(doc_id)
        parsed.append((doc_id, *parse(doc_id, source)))

    wanted = {}
    for doc_id, _, toponyms, _ in parsed:
        for t in toponyms:
            if t["ref"].startswith("~"):
                if t["ref"][1:] not in MANUAL:
                    sys.exit(f"{doc_id}: {t['name']!r} refers to {t['ref']!r}, which MANUAL lacks")
                continue
            try:
                wanted.setdefault(int(t["ref"]), set()).add(t["name"])
            except ValueError:
                sys.exit(f"{doc_id}: {t['name']!r} has a bad place reference {t['ref']!r}")

    if args.lookup:
        write_places(lookup(args.geotag, args.gazetteer, wanted))
    places = read_places()
    absent = sorted(set(wanted) - set(places))
    if absent:
        sys.exit(f"places.tsv lacks {absent}: run with --lookup")

    # Consistency: a string annotated as a toponym anywhere must be annotated (or marked
    # a non-place) wherever it occurs, as a whole word with the same case.
    annotated = sorted({t["name"] for _, _, ts, _ in parsed for t in ts}, key=len, reverse=True)
    problems = []
    for doc_id, text, toponyms, not_places in parsed:
        covered = [(t["start"], t["end"]) for t in toponyms] + [(n["start"], n["end"]) for n in not_places]
        for name in annotated:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(s <= m.start() and m.end() <= e for s, e in covered):
                    problems.append(f"{doc_id}: {name!r} at {m.start()} is neither a toponym nor a non-place")
        for t in toponyms:
            if any(n["start"] < t["end"] and t["start"] < n["end"] for n in not_places):
                problems.append(f"{doc_id}: toponym {t['name']!r} overlaps a non-place")
        sentences = len(re.findall(r"[.!?\u061F](?:\"|”)?(?:\s|$)", text.replace("U.S.", "US")))
        if not 2 <= sentences <= 6:
            problems.append(f"{doc_id}: {sentences} sentences")
    if problems:
        sys.exit("\n".join(problems))

    lines = []
    for doc_id, text, toponyms, not_places in parsed:
        out = []
        for t in toponyms:
            if t["ref"].startswith("~"):
                lat, lon, _ = MANUAL[t["ref"][1:]]
                pid = None
            else:
                pid = int(t["ref"])
                lat, lon = places[pid]["lat"], places[pid]["lon"]
            assert text[t["start"]:t["end"]] == t["name"]
            out.append({"start": t["start"], "end": t["end"], "name": t["name"], "lat": lat, "lon": lon,
                        "geonameid": pid, "type": t["type"]})
        for n in not_places:
            assert text[n["start"]:n["end"]] == n["text"]
        record = {"id": doc_id, "text": text, "toponyms": out, "not_places": not_places}
        lines.append(json.dumps(record, ensure_ascii=False))
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    me = sum(1 for d in parsed if d[0].startswith("me-"))
    count = sum(len(d[2]) for d in parsed)
    print(f"wrote {OUTPUT}: {len(parsed)} documents ({me} Iraq/Syria and neighbours), {count} toponyms, "
          f"{sum(len(d[3]) for d in parsed)} non-places", file=sys.stderr)


if __name__ == "__main__":
    main()
