"""Fixed vocabularies for the synthetic corpus: taxonomies, names and words."""


def wordlist(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated list of words."""
    return tuple(text.split())


LANGS: tuple[str, ...] = ("fi", "sv", "en")

THEMES: dict[str, tuple[str, str, str]] = {
    "green-electrification": (
        "Vihreä sähköistyminen",
        "Grön elektrifiering",
        "Green electrification",
    ),
    "battery-chemicals": ("Akkukemikaalit", "Batterikemikalier", "Battery chemicals"),
    "mobile-work-machines": (
        "Liikkuvat työkoneet",
        "Mobila arbetsmaskiner",
        "Mobile work machines",
    ),
    "photonics": ("Fotoniikka", "Fotonik", "Photonics"),
    "sport": ("Urheilu", "Idrott", "Sport"),
    "digital-health": ("Digitaalinen terveys", "Digital hälsa", "Digital health"),
    "sustainable-energy": ("Kestävä energia", "Hållbar energi", "Sustainable energy"),
    "industry": ("Teollisuus", "Industri", "Industry"),
    "production-and-consumption": (
        "Tuotanto- ja kulutusmallit",
        "Produktions- och konsumtionsmodeller",
        "Production and consumption models",
    ),
    "healthy-life": (
        "Terveellinen ja hyvinvoiva elämä",
        "Hälsosamt och välmående liv",
        "Healthy life and wellbeing",
    ),
}

CITIES: dict[str, tuple[str, str, str]] = {
    "helsinki-region": (
        "Pääkaupunkiseutu",
        "Huvudstadsregionen",
        "Helsinki Metropolitan Area",
    ),
    "tampere": ("Tampere", "Tammerfors", "Tampere"),
    "turku": ("Turku", "Åbo", "Turku"),
    "oulu": ("Oulu", "Uleåborg", "Oulu"),
    "jyvaskyla": ("Jyväskylä", "Jyväskylä", "Jyväskylä"),
    "vaasa": ("Vaasa", "Vasa", "Vaasa"),
    "lappeenranta": ("Lappeenranta", "Villmanstrand", "Lappeenranta"),
    "lahti": ("Lahti", "Lahtis", "Lahti"),
    "joensuu": ("Joensuu", "Joensuu", "Joensuu"),
    "kuopio": ("Kuopio", "Kuopio", "Kuopio"),
    "pori": ("Pori", "Björneborg", "Pori"),
    "kajaani": ("Kajaani", "Kajana", "Kajaani"),
    "kokkola": ("Kokkola", "Karleby", "Kokkola"),
    "seinajoki": ("Seinäjoki", "Seinäjoki", "Seinäjoki"),
    "rovaniemi": ("Rovaniemi", "Rovaniemi", "Rovaniemi"),
    "mikkeli": ("Mikkeli", "S:t Michel", "Mikkeli"),
}

SITE_TITLE = ("Innokaupungit", "Innostäderna", "InnoCities")
SITE_DESCRIPTION = (
    "Innovoivat kaupungit ja yhteisöt",
    "Innoverande städer och samhällen",
    "Innovating Cities and Communities",
)
LANGUAGE_INFO: dict[str, tuple[str, str]] = {
    "fi": ("fi_FI", "Suomi"),
    "sv": ("sv_FI", "Svenska"),
    "en": ("en_FI", "English"),
}

FIRST_NAMES = wordlist(
    "Riina Elina Petri Aino Mikko Johanna Sanna Jukka Eero Kaisa Heikki Liisa "
    "Anders Sofia Björn Maria Päivi Jaakko Åsa Tuomas"
)
LAST_NAMES = wordlist(
    "Pulkkinen Hykkönen Peltonen Virtanen Mäkinen Nieminen Lindqvist Järvinen "
    "Heikkilä Koskinen Öhman Söderberg Laaksonen Räsänen Åkerlund Kärkkäinen"
)
ROLES: tuple[tuple[str, str, str], ...] = (
    ("kehittämispäällikkö", "utvecklingschef", "development manager"),
    ("rahoitusasiat", "finansieringsärenden", "funding matters"),
    ("viestintäpäällikkö", "kommunikationschef", "head of communications"),
    ("projektipäällikkö", "projektchef", "project manager"),
    ("ohjelmajohtaja", "programdirektör", "programme director"),
)

TABLE_HEADERS: dict[str, tuple[str, str, str]] = {
    "fi": ("Kaupunki", "Hankkeita", "Rahoitus, €"),
    "sv": ("Stad", "Projekt", "Finansiering, €"),
    "en": ("City", "Projects", "Funding, €"),
}
NUMBER_WORD: dict[str, str] = {"fi": "nro", "sv": "nr", "en": "no."}
EDIT_SENTENCE = "Tähän tiedotteeseen lisättiin täsmennys {n}, jonka mukaan työ jatkuu."

WORDS: dict[str, tuple[str, ...]] = {
    "fi": wordlist(
        """kehitys yhteistyö kaupunki ekosysteemi innovaatio hanke osaaminen yritys
        tutkimus älykäs kestävä energia vähähiilinen työkone käyttäjä kokeilu
        ympäristö päätös sähkö akku mittaus hyvinvointi tuotanto kulutus terveys
        alusta kumppani vuosi verkosto näkyvyys kasvu yhteinen kansainvälinen
        alueellinen uusi vahva tärkeä edistää vahvistaa kehittää tukee käynnistää
        rakentaa jatkaa yhdistää tarjoaa lisää mahdollistaa työllisyys osaajat
        yliopisto ammattikorkeakoulu elinkeino rahoitus valtio sopimus tavoite
        tulos pilotti testaus ratkaisu palvelu data digitaalinen vihreä siirtymä
        kiertotalous vety aurinko tuuli lämpö rakennus liikenne satama metsä vesi
        ruoka liikunta urheilu fotoniikka valo kemia materiaali jäte päästö hiili
        määrä yhä myös sekä että jossa joka vuoden aikana kanssa kautta lähes yli
        noin mukaan ensimmäinen seuraava nykyinen tulevaisuus pääsy käyttö hyöty
        järvi pohjoinen eteläinen itäinen läntinen väki työ yö säätö kysyntä
        tekoäly ylläpito kyky yhteiskunta ratkaiseva päivä"""
    ),
    "sv": wordlist(
        """utveckling samarbete stad ekosystem innovation projekt kunnande företag
        forskning smart hållbar energi koldioxidsnål arbetsmaskin användare försök
        miljö beslut el batteri mätning välfärd produktion konsumtion hälsa
        plattform partner år nätverk synlighet tillväxt gemensam internationell
        regional ny stark viktig främjar stärker utvecklar stöder inleder bygger
        fortsätter förenar erbjuder ökar möjliggör sysselsättning experter
        universitet yrkeshögskola näringsliv finansiering staten avtal mål
        resultat pilot testning lösning tjänst data digital grön omställning
        cirkulär vätgas sol vind värme byggnad trafik hamn skog vatten mat motion
        idrott fotonik ljus kemi material avfall utsläpp kol mängd allt också
        samt att där som under året med genom nästan över cirka enligt första
        nästa nuvarande framtid tillgång användning nytta sjö norra södra östra
        västra folk arbete höst vår skär ö älv sjöfart påverkan förmåga åtgärd
        efterfrågan underhåll samhälle avgörande dag"""
    ),
    "en": wordlist(
        """development cooperation city ecosystem innovation project expertise
        company research smart sustainable energy low-carbon machine user trial
        environment decision electricity battery measurement wellbeing production
        consumption health platform partner year network visibility growth joint
        international regional new strong important promotes strengthens develops
        supports launches builds continues unites offers increases enables
        employment experts university college business funding state agreement
        goal result pilot testing solution service data digital green transition
        circular hydrogen solar wind heat building traffic harbour forest water
        food exercise sport photonics light chemistry material waste emission
        carbon amount still also and that where which during the year with
        through nearly over about according first next current future access use
        benefit lake northern southern eastern western people work night demand
        maintenance society decisive day region shared open"""
    ),
}
