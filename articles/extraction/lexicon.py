"""Word lists the extractor reasons with, kept apart from the rules that use them.

Without a trained model the extractor recognises people, organisations and attributions from
the vocabulary of news writing: the verbs reporters use to attribute speech, the titles and
job words that sit in front of a name, the nouns that head organisation names. Keeping every
list here means a reader tuning the rules finds the vocabulary in one place, and the rules in
the other modules stay short. All entries are lower case unless the comment says otherwise.
"""


def word_set(words: str) -> frozenset[str]:
    """A set from whitespace-separated words, so long lists stay readable in the source."""
    return frozenset(words.split())


# Capital letters, for regex character classes: ASCII and the Latin letters with diacritics,
# so "Łukasz", "Şahin", "İlker", "Ștefan", "Ōtani" and Vietnamese "Ảnh" open names as "Lukasz"
# does.
UPPER_LETTERS = "A-Z" + "".join(
    letter
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if (letter := chr(code)).isupper()
)

# Verbs that attribute speech or writing to a source, in the forms news copy uses. A quote is
# attributed through one of these ("...," Kirby said / said Kirby / Kirby told reporters).
SPEECH_VERBS = word_set(
    """
    say says said tell tells told add adds added noted explain explains explained continued ask
    asks asked reply replies replied write writes wrote stated declare declares declared insist
    insists insisted argue argues argued claimed warn warns warned acknowledge acknowledges
    acknowledged admit admits admitted announce announces announced commented concede concedes
    conceded confirm confirms confirmed countered caution cautions cautioned complain complains
    complained emphasise emphasises emphasised emphasize emphasizes emphasized stress stresses
    stressed suggest suggests suggested tweeted urge urges urged vowed observe observes
    observed recall recalls recalled remarked respond responds responded predicted joked
    quipped shouted yelled testify testifies testified promised boast boasts boasted agree
    agrees agreed answered charged contend contends contended conclude concludes concluded
    demanded mused posted reiterate reiterates reiterated retort retorts retorted proclaim
    proclaims proclaimed exclaim exclaims exclaimed whisper whispers whispered scream screams
    screamed recount recounts recounted describe describes described maintain maintains
    maintained assert asserts asserted allege alleges alleged reckon reckons reckoned blasted
    slammed mocked pleaded began chimed reveal reveals revealed reported laughed sighed cried
    talked spoke called pressed interject interjects interjected interrupt interrupts
    interrupted offered lament laments lamented opine opines opined scoff scoffs scoffed
    snapped fume fumes fumed gush gushes gushed raged ranted questioned wonder wonders wondered
    thundered accuse accuses accused praised criticise criticises criticised criticize
    criticizes criticized dismiss dismisses dismissed labelled labeled branded dubbed pledged
    pledges continue continues predicts emailed emails texted messaged writes
    elaborated affirm affirms affirmed assured bragged clarified confided disclosed echoed
    grumbled hinted implored intoned marveled marvelled mentioned murmured muttered objected
    protested reasoned reflected remembered reminded repeated surmised beamed riffed griped
    note notes report reports
    """
)

# Verbs that attribute speech only with the particle after them: "as one voter put it",
# "Smith pointed out that ...". Each maps to its particle.
SPEECH_PHRASES = {"put": "it", "puts": "it", "pointed": "out", "points": "out"}

# Participles that attribute a partial quote to the subject of their sentence:
# "Trump hit back at Obama, calling him "the worst"".
SPEECH_PARTICIPLES = word_set(
    """
    saying telling adding noting calling describing writing arguing insisting claiming warning
    accusing praising offering dubbing labelling labeling branding declaring suggesting
    stressing explaining asking urging vowing promising predicting boasting tweeting posting
    charging complaining conceding admitting acknowledging yelling shouting screaming
    chanting joking quipping pledging recalling replying responding answering announcing
    """
)

# Speech verbs that take the hearer as object ("told reporters"): the word after them is never
# the speaker.
HEARER_VERBS = frozenset({"tell", "tells", "told"})

# Courtesy, military and political titles written before a name. They are stripped from the
# name and remembered as (part of) the person's role. Compared without a trailing full stop.
HONORIFICS = word_set("mr mrs ms miss mx dr prof sir dame lord lady rev fr sr jr")
TITLE_WORDS = word_set(
    """
    president vice prime minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor general gen lt lieutenant col colonel maj major capt
    captain sgt sergeant adm admiral cmdr commander chancellor chairman chairwoman chair
    director ambassador judge justice attorney spokesman spokeswoman spokesperson king queen
    prince princess pope premier deputy chief speaker leader minority majority former acting
    commissioner superintendent supt inspector det detective officer sheriff professor sheikh
    emir ayatollah cardinal bishop archbishop rabbi imam coach manager chancellor treasurer
    advisor adviser counsel envoy candidate nominee founder ceo executive correspondent editor
    analyst economist strategist spokesperson assistant associate secretary-general chairperson
    headteacher councillor alderman delegate deputy-director chief-executive trustee marshal
    constable taoiseach tanaiste administrator cllr insp
    """
)

# Titles that take "the" before a name ("the Ayatollah Khomeini", "the Imam Ali"), where
# others do not ("President Okafor"; "the General Election" is no general's).
TITLES_AFTER_THE = word_set("ayatollah imam sheikh emir rabbi pope cardinal bishop archbishop")

# Nouns that make an apposition or a premodifier a role ("X, a spokesman for Y";
# "CIA Director Bill Burns"; "Kremlin foreign policy advisor Yuri Ushakov").
ROLE_NOUNS = TITLE_WORDS | word_set(
    """
    official officials aide aides fellow head owner partner founder researcher scientist lawyer
    diplomat spokesperson staffer strategist pollster consultant historian analyst expert
    professor lecturer teacher author writer reporter columnist journalist member lawmaker
    legislator politician activist campaigner organiser organizer lobbyist negotiator adviser
    advisor officer agent operative volunteer worker employee boss president director secretary
    minister chairman chief manager executive hand veteran investor banker trader economist
    surgeon doctor nurse physician attorney prosecutor defender student resident mother father
    wife husband son daughter brother sister friend colleague spokesman spokeswoman chair
    leader representative delegate supporter critic donor voter candidate nominee governor
    mayor senator congressman congresswoman judge coach player captain striker goalkeeper actor
    actress singer director producer artist musician star presenter host anchor commentator
    editor publisher owner ceo cfo coo engineer designer architect farmer pastor priest
    chaplain preacher teacher principal librarian accountant broker developer entrepreneur
    businessman businesswoman contractor builder mechanic driver pilot chef waiter firefighter
    paramedic soldier sailor demographer sociologist psychologist statistician physicist
    chemist biologist philosopher theologian novelist poet playwright filmmaker photographer
    blogger pundit counselor counsellor therapist dentist pharmacist clerk cashier retiree
    homeowner landlord tenant shopkeeper grandmother grandfather uncle aunt nephew niece cousin
    neighbour neighbor parishioner congregant constituent protester demonstrator forecaster
    meteorologist selector mp mep msp mla midfielder winger substitute teammate team-mate
    co-star mum mom dad
    """
)

# Nouns a report uses after "the", as it would a pronoun, for a person it has named: a
# position on a team, a sport's competitor, a kind of performer, a stage of life ("the
# striker said", "the actress added", "the youngster said"). Not offices and jobs ("the mayor",
# "the officer"), which may be someone the report has not named.
EPITHETS = word_set(
    """
    striker midfielder defender winger goalkeeper keeper forward full-back centre-back
    center-back playmaker batsman batter bowler all-rounder quarterback pitcher jockey boxer
    golfer sprinter swimmer cyclist skier gymnast champion actress actor singer rapper
    comedian star youngster teenager veteran pensioner
    """
)
# Nouns for a woman or a man, kin first, which give a person they describe a gender for
# resolving "he" and "she": "his wife, Ishbel", "the actress".
FEMALE_ROLE_NOUNS = word_set(
    """
    wife mother daughter sister widow grandmother granddaughter aunt niece mum mom girlfriend
    fiancee actress waitress businesswoman spokeswoman chairwoman congresswoman sportswoman
    queen princess duchess
    """
)
MALE_ROLE_NOUNS = word_set(
    """
    husband father son brother widower grandfather grandson uncle nephew dad boyfriend fiance
    businessman congressman sportsman king prince duke
    """
)

# Person-describing heads: a speaker phrase headed by one of these without a name is an
# unnamed source ("a former US diplomat said", "officials said").
UNNAMED_HEADS = ROLE_NOUNS | word_set(
    """
    source sources person people man woman men women someone resident residents witness
    witnesses observer observers insider insiders aide aides official officials critics
    supporters analysts experts economists diplomats officers lawmakers legislators
    spokespeople staff staffers members voters protesters protestors demonstrators
    investigators researchers scientists doctors police policemen officers soldiers family
    families relatives parents children widow widower
    """
)

# Words that open a phrase counting people without naming them ("Several witnesses said",
# "Others shouted", "Hundreds of demonstrators chanted"): such a speaker is an unnamed source.
QUANTIFIERS = word_set(
    """
    some many several multiple few other others both various numerous most two three four five
    six seven eight nine ten dozens hundreds thousands
    """
)

# Common nouns that, heading a speaker phrase, make the speaker an organisation
# ("the ministry said", "the company said in a statement").
ORGANISATION_HEADS = word_set(
    """
    ministry department company firm government administration agency council committee
    commission campaign party union bank group organisation organization office embassy court
    army military navy police service board authority authorities statement spokesman's
    regulator institute university school hospital club team league federation association
    coalition alliance network newspaper paper magazine channel broadcaster station foundation
    charity corporation cabinet parliament congress senate house kremlin pentagon treasury
    white palace operator regulator watchdog trust report
    """
)

# Heads of such speaker phrases that stand for an organisation whose name has another word
# of the same kind: "the agency said" after "the Food and Drug Administration", "the company
# said" after "Acme Holdings". A company needs no such word: "the firm" may be "Ernst and
# Young".
COMPANY_HEADS = word_set("company firm")
CORPORATE_WORDS = word_set(
    """
    company co corp corporation inc ltd llc llp plc holdings industries systems technologies
    partners enterprises airlines airways motors labs laboratories studios records pictures
    securities resources arts group foods homes networks
    """
)
KINDS_FOR_HEADS = {
    "agency": word_set("agency administration bureau service authority commission office"),
    "ministry": word_set("ministry department office"),
    "department": word_set("department ministry"),
    "company": CORPORATE_WORDS,
    "firm": CORPORATE_WORDS,
    "regulator": word_set("regulator watchdog authority commission council office board"),
    "newspaper": word_set("newspaper paper times post journal tribune herald gazette telegraph"),
    "paper": word_set("newspaper paper times post journal tribune herald gazette telegraph"),
}

# Common nouns naming a kind of organisation, body or medium, in English or in the words for
# an assembly or a council that English news keeps. They head organisation names ("Premier
# League", "BBC News", "Labour Party", "Metropolitan Police", "Lok Sabha") but a kind of
# thing is no organisation on its own: a lone capitalised "Police", "Radio" or "Cabinet"
# opens a sentence, or is what is left of a longer name. Compared case-insensitively on each
# token.
ORGANISATION_KINDS = word_set(
    """
    council committee department ministry agency university college institute institution
    foundation endowment association party bank fund commission corporation corp inc ltd llc
    plc group company co organization organisation union court assembly office service
    services administration bureau authority board police army navy force forces guard news
    network press center centre society league federation alliance coalition church club
    airlines airways motors exchange reserve house cabinet fc academy school hospital museum
    trust partners holdings industries systems technologies labs laboratories studios records
    pictures broadcasting television radio magazine channel review tv media communications
    enterprises consortium cooperative agencies nations secretariat division unit brigade
    regiment command corps caucus conference summit forum initiative project program programme
    workers operator securities resources arts centers centres llp groupe gruppe grupo gruppo
    convention constabulary theatre theater infirmary courts sport sports panel foods homes
    networks chamber guild orchestra philharmonic philharmonia choir inspectorate
    sabha majlis shura jirga
    """
)
# Words that head organisation names ("Acme Holdings Inc", "Atlantic Council"): the kinds
# above, and words that also name one organisation alone: a legislature, a ministry or a
# party known by one word ("Congress", "the Treasury", "the Tories"), or a newspaper's short
# title ("the Times", "the Guardian").
ORGANISATION_WORDS = ORGANISATION_KINDS | word_set(
    """
    congress parliament senate commons lords pentagon kremlin treasury reuters commonwealth nhs
    democrats dems republicans conservatives tories labour times post journal tribune herald
    gazette telegraph guardian chronicle
    """
)

# Lower-case nouns for a kind of business, body or team that, written right before a
# capitalised name, say the name is an organisation's: "Russian oil firm Yukos", "security
# company Sophos", "pressure group Liberty", "rugby club Wasps". None of them is also
# a role a person holds ("publisher", "producer", "broadcaster"), which would say the opposite.
ORGANISATION_TYPES = word_set(
    """
    firm company group giant maker manufacturer retailer chain supermarket carrier airline
    lender bank insurer conglomerate consultancy agency network channel station
    newspaper paper tabloid daily magazine website site portal provider label studio band club
    team outfit charity watchdog regulator body union association federation party brewer
    utility exchange fund unit subsidiary explorer side carmaker automaker chipmaker drugmaker
    steelmaker planemaker
    """
)

# Organisation names that carry no organisation word, known across news writing.
WELL_KNOWN_ORGANISATIONS = word_set(
    """
    Pentagon Kremlin Congress Parliament Senate Reuters Bloomberg Google Apple
    Microsoft Amazon Facebook Twitter Meta Netflix Tesla Boeing Airbus Nato Interpol Europol
    Hamas Hezbollah Taliban Greenpeace Oxfam Unicef Unesco Ofcom Ofgem Ofsted Whitehall
    Westminster Vatican Gazprom Rosneft Toyota Samsung Sony Nintendo Microsoft Intel Nike
    Walmart Disney Uber Yahoo Vodafone Tesco Sainsbury's Barclays Starbucks McDonald's Labour
    Tories Democrats Republicans Conservatives Jazeera Arabiya Qaeda Shabaab Shabab Féin Fein
    Fáil Oireachtas Dáil WHO U2 O2 MI5 MI6 Nasa Fifa Uefa Opec Acas Ofwat Defra Nvidia Garda
    Síochána
    """
)

# Words news clips from the first word of a body's name, and the word in full: "the Fed"
# for the Federal Reserve, "the Met" for the Metropolitan Police or Opera.
CLIPPED_WORDS = {"fed": "federal", "met": "metropolitan"}

# Letters for a kind of sports club that open a club's name before its town or its name
# ("AC Milan", "FC Porto", "PSV Eindhoven"). Upper case.
CLUB_PREFIXES = word_set("AC AS FC SC SS CF CD SD UD RC SV FK SK NK RB AFC AZ PSV CSKA")

# Broadcasters known by an acronym that numbers its channels: "BBC2", "ITV1". Upper case.
BROADCASTERS = word_set("BBC ITV RTE MTV NBC CBS ABC NHK ZDF ARD SBS")

# Capitalised words that start sentences or stand in titles but never belong to a name.
# Compared case-insensitively.
NOT_NAME_WORDS = word_set(
    """
    a an the this that these those there here it its it's he she we they i you his her their
    our my your him them us me who whom whose what when where why how which while whether if
    but and or nor so yet for of in on at by to from with without into onto upon after before
    since until during about above below over under between among through although though
    whilst amongst amidst whereas unless albeit lest
    because as than then now also still even just only not no yes all any some many much more
    most few several each every both either neither other another such same one two three four
    five six seven eight nine ten first second third last next new old former later earlier
    today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr meanwhile however instead indeed
    rather yet despite according asked said says told added speaking writing update updated
    read watch photo video image getty copyright reporting editing additional sign
    subscribe share advertisement breaking live exclusive analysis opinion comment chapter part
    section page tv let please thank thanks hello dear oh well okay ok sir madam nonetheless
    nevertheless moreover furthermore otherwise still besides thus hence therefore accordingly
    consequently similarly likewise ultimately finally initially eventually overall separately
    notably specifically particularly especially certainly clearly obviously perhaps maybe
    apparently reportedly allegedly again already soon once twice top off hey mon tue tues wed
    thu thur thurs fri sat
    """
)

# Common English words that headings, results tables and adverts write in capitals ("OPEN
# RUN", "GIRLS SOCCER", "LOSE 25 POUNDS"), beside those the lists here hold already: in
# capitals they are a word stressed, not an acronym.
COMMON_WORDS = word_set(
    """
    big huge great good best better bad hot free full real super open close closed live out
    up down off over back away very really get gets got go goes going run runs win wins won
    lose loses lost play plays played stand save help helps helped click buy sell sale deal
    deals look see find make take give keep love like want need know think feel pounds dollars
    miles points laps goals scores results series season match boys girls kids family life
    world news video photo photos fire light dream nature space star stars jury alert
    """
)

# US state and Canadian province codes, upper case: after a town and a comma ("Austin, TX",
# "Santa Fe, N.M.") they name a place, where "PA" or "VA" alone may be an organisation.
STATE_CODES = word_set(
    """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS NT NU
    ON PE QC SK YT
    """
)

# Common nouns that end place names ("Park Street", "Victoria Park") and, capitalised on their
# own, are more often a surname ("Park said", "Mr Street") than a place.
PLACE_NOUNS = word_set(
    """
    street road avenue square park bay river lake mount valley beach hills heights island
    islands
    """
)
PLACE_WORDS = PLACE_NOUNS | word_set(
    """
    us u.s. usa u.s.a. uk u.k. america united states kingdom britain england scotland wales
    ireland europe european africa asia china japan india russia ukraine france germany italy
    spain canada mexico brazil australia israel iran iraq syria egypt turkey poland kyiv kiev
    moscow washington london paris berlin beijing tokyo delhi york new los angeles chicago
    boston texas california florida ohio iowa virginia carolina hampshire nevada arizona
    georgia michigan pennsylvania wisconsin minnesota colorado utah oregon kentucky tennessee
    alabama missouri maryland massachusetts connecticut jersey indiana illinois louisiana
    oklahoma kansas nebraska dakota montana idaho wyoming alaska hawaii vermont maine arkansas
    mississippi manhattan brooklyn dallas houston atlanta miami seattle detroit philadelphia
    baltimore denver phoenix vegas francisco diego orleans north south east west northern
    southern eastern western central middle global gulf pacific atlantic mediterranean city
    county state korea pakistan afghanistan saudi arabia qatar libya yemen lebanon jordan
    nigeria kenya ethiopia sudan somalia venezuela cuba colombia argentina chile peru greece
    sweden norway denmark finland netherlands belgium switzerland austria hungary romania
    bulgaria serbia croatia belarus crimea donbas taiwan vietnam thailand indonesia philippines
    malaysia singapore bali ankara istanbul brussels geneva vienna rome madrid warsaw
    holland portugal iceland czechia slovakia slovenia estonia latvia lithuania bosnia albania
    armenia azerbaijan kazakhstan uzbekistan mongolia nepal bangladesh lanka myanmar
    cambodia zealand fiji samoa tonga uruguay paraguay ecuador bolivia honduras guatemala
    panama trinidad barbados ghana senegal morocco algeria tunisia cameroon zambia zimbabwe
    uganda tanzania rwanda namibia botswana mozambique angola
    """
)

# Pronouns that can head an attribution, resolved to an earlier speaker.
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they", "it"})

# Given names common in English-language news, used as evidence that an unmarked capitalised
# pair is a person. A name need not be here to be found: titles, appositions and speech verbs
# are evidence too. Values mark the usual gender ("m"/"f") for resolving "he"/"she".
_MALE_NAMES = """
    aaron adam adrian ahmed al alan albert alex alexander alexei alfred ali andrew andy angus
    anthony antonio arnold arthur ashton barack barry ben benjamin bernard bernie bill billy
    bob bobby boris brad bradley brandon brett brian bruce bryan carl carlos chad charles
    charlie chris christian christopher chuck clarence colin craig dale dan daniel danny
    darren dave david dean dennis derek dick dmitry dominic don donald doug douglas duncan
    dwight ed eddie edward elijah elon emmanuel eric ernest evan francis frank fred frederick
    gary gavin gene geoff geoffrey george gerald gerry glenn gordon graham greg gregory
    gustavo guy hank harold harry harvey hector henry herbert howard hugh hugo ian igor isaac
    ivan ivo jack jacob jake james jamie jared jason javier jay jean jeb jeff jeffrey jeremy
    jerome jerry jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan
    julian justin karl keith ken kenneth kevin kim kirk kurt kyle lance larry lee leo leon
    leonard lewis lindsey lloyd louis luis luke malcolm marc marco marcus mario mark martin
    matt matthew maurice max michael miguel mike mikhail mitch mitt mohammed muhammad nathan
    neil nicholas nick nigel nikolai noah norman oliver omar oscar owen pablo patrick paul
    pedro pete peter phil philip pierre rafael ralph rand randy ray raymond reince reza
    richard rick ricky rob robert rod roger roland ron ronald ross roy rudy rupert russell
    ryan sam samuel scott sean sergei sergey seth shane simon stephen steve steven stuart
    ted terry thomas tim timothy todd tom tommy tony travis trevor tyler valeri valery
    victor vincent vladimir vladmir volodymyr walter warren wayne wesley william willie
    yuri zach zachary sebastian damian fabian florian maximilian tyrese
    aidan aiden alastair alasdair alistair callum calum cameron ciaran conor connor declan
    dylan eamon eamonn ewan euan fraser gareth hamish iain kieran kian liam logan niall rhys
    rory seamus shaun stewart tristan ahmad andre andres alejandro antoine arjun bilal
    darius desmond dominik dustin elliot elliott ethan felix fernando francesco giovanni
    giuseppe gerard hassan hussein ibrahim jaime jesse jonas karim lorenzo lucas luca manuel
    marcel mateo mehmet mustafa rajesh ravi rahul sanjay sunil vikram yusuf amir anil
    brendan byron clive cyril dermot donovan edmund fergus garry graeme humphrey jonah
    kelvin kenny lachlan lionel marvin melvin mervyn neville ollie quentin reggie robbie
    rodney ronnie theo tobias toby vernon wilfred
"""
_FEMALE_NAMES = """
    abigail alice alicia alison amanda amber amy andrea angela angelina ann anna anne annie
    april ashley barbara betsy betty beverly brenda carla carly carmen carol caroline
    catherine cathy charlotte cheryl chelsea christina christine cindy claire clare
    condoleezza cynthia dana dawn debbie deborah debra denise diana diane donna doris dorothy
    elaine eleanor elizabeth ellen emily emma erin eva evelyn fiona frances gabrielle gail
    gillian gina gloria grace hannah harriet heather heidi helen hillary holly hope huma ivanka
    jackie jane janet janice jean jeanne jennifer jenny jessica jill joan joanna jodi josephine
    joy joyce judith judy julia julie karen kate katherine kathleen kathy katie kay kelly
    kellyanne kim kirsten kristen laura lauren linda lisa liz lois lori louise lucy lynn
    madeleine maggie margaret maria marie marilyn marion martha mary megan meghan melania
    melissa michele michelle mildred minnie molly nancy natalie nicola nicole nikki nina
    olivia pam pamela patricia patti paula pauline peggy penny priti rachel rebecca rita
    roberta rose ruth sally samantha sandra sara sarah sharon sheila shirley sophie stacey
    stephanie sue susan suzanne sylvia tamara tanya teresa theresa tina tracy ursula valerie
    vanessa victoria virginia wendy yvonne zoe vivian lillian marian therese
    abby adele agnes aisha aileen alexandra amelia anita anya aoife bethany bridget caitlin
    camilla carolyn cecilia charlene chloe ciara claudia colette courtney danielle deirdre
    delia eileen elena eliza ella ellie eloise erica esther felicity francesca freya gemma
    georgina geraldine gwen gwyneth hayley helena imogen ingrid irene isabel isabella isobel
    jacqueline janine jasmine jemima jo joanne jocelyn josie june kirsty kristina lara leah
    leanne leila lena lesley lorna lorraine lucinda lydia lynne mairead maureen maxine
    melanie miriam moira morag muriel nadia naomi natasha niamh nora norah orla philippa
    phoebe priya rachael rhiannon rosemary rosie roisin sadie saoirse serena siobhan sonia
    tamsin tessa veronica yasmin fatima ayesha sunita
"""
GIVEN_NAME_GENDER = dict.fromkeys(_MALE_NAMES.split(), "m") | dict.fromkeys(
    _FEMALE_NAMES.split(), "f"
)
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "king", "prince"})

# Finite verbs that show a capitalised word before them is a clause's subject ("Trump hit
# back", "Bush would not say"): auxiliaries, modals and irregular past tenses. Regular forms
# are recognised by their endings.
COMMON_VERBS = word_set(
    """
    am is are was were be been has have had do does did will would shall should can could may
    might must hit said told took made went got came gave saw knew left ran won lost held kept
    met put set sent spoke wrote shot struck threw drew broke brought bought caught fought
    taught thought found felt led read sat stood understood began became chose drove flew
    forgot grew hid hung laid lent let lit meant paid rode rang rose sang sank shook shut slept
    sold spent spun stole stuck swore swept tore woke wore dug fed fled bet cut quit hurt cast
    bit blew bent bound dealt fell forgave froze sought upheld withdrew overcame undertook
    """
)
