"""Fictional names, companies, departments and job titles for generated portfolios.

Every person and company here is invented. Name pools mix scripts on purpose (accents, Greek,
Cyrillic, Japanese), because a stakeholder map that cannot print "Ελένη" or "佐藤" is broken.
An entry written ``display/latin`` has a Latin spelling for the e-mail address.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    """Where an account or affiliate sits, and how people there are named."""

    name: str
    region: str
    currency: str
    cities: tuple[str, ...]
    phone_prefix: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    legal_suffix: str
    family_first: bool = False  # Japanese order: family name, then given name
    # Where family names change with gender (Kowalski / Kowalska): the women's given names,
    # and the women's form of each family name, in the same order as ``family``.
    women: frozenset[str] = frozenset()
    family_women: tuple[str, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# fmt: off
COUNTRIES: tuple[Country, ...] = (
    Country(
        "Sweden", "Nordics", "SEK", ("Gothenburg", "Stockholm", "Malmö"), "+46 31",
        _words("Anna Erik Karin Lars Maja Oskar Sofia Johan Ingrid Pär Linnea Björn Åsa Zoë"),
        _words("Andersson Lindqvist Berg Nyström Åkesson Sjöberg Holm Ekström Wallin Öberg"),
        "AB",
    ),
    Country(
        "Germany", "DACH", "EUR", ("Stuttgart", "Munich", "Hamburg", "Düsseldorf"), "+49 711",
        _words("Jürgen Katharina Lukas Monika Stefan Sabine Felix Anna Thomas Jörg Lena Uwe"),
        _words("Müller Schäfer Weiß Hoffmann Krüger Becker Wagner Koch Neumann Schulz Vogel"),
        "GmbH",
    ),
    Country(
        "France", "Western Europe", "EUR", ("Lyon", "Paris", "Lille", "Toulouse"), "+33 4",
        _words("François Camille Élodie Julien Hélène Antoine Céline Mathieu Inès Noémie Loïc"),
        _words("Laurent Moreau Fournier Girard Dubois Lefèvre Rousseau Bernard Benali Gauthier"),
        "SAS",
    ),
    Country(
        "Brazil", "Latin America", "BRL", ("Campinas", "São Paulo", "Curitiba"), "+55 19",
        _words("João Fernanda Luciana Ricardo Gabriela Paulo Rafael Ana Thiago Márcia Kenji"),
        _words("Pereira Costa Ribeiro Albuquerque Santos Nascimento Oliveira Araújo Tanaka"),
        "Ltda.",
    ),
    Country(
        "United Kingdom", "UK & Ireland", "GBP", ("Leeds", "Manchester", "Bristol"), "+44 113",
        _words("Sarah Graham Rachel Owen Chloe Imran Fiona Helen Stuart Nadia Tom Joanne Aisha"),
        _words("Whitfield Holt Osei Hughes Barnes Shah MacLeod Price Lawson Fletcher Pike"),
        "Ltd",
    ),
    Country(
        "United States", "North America", "USD", ("Denver", "Chicago", "Austin"), "+1 303",
        _words("Robert Linda Kevin Maria Tyler Jessica William Denise Michael Ashley Jamal"),
        _words("Hastings Alvarez O'Brien Gonzalez Brooks Nguyen Reyes Washington Chen Miller"),
        "Inc.",
    ),
    Country(
        "Netherlands", "Benelux", "EUR", ("Rotterdam", "Utrecht", "Eindhoven"), "+31 10",
        _words("Pieter Femke Sander Lotte Ruben Noor Hendrik Daan Anouk Jeroen Marieke Thijs"),
        ("van der Meer", "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder", "de Boer"),
        "B.V.",
    ),
    Country(
        "Italy", "Southern Europe", "EUR", ("Parma", "Milan", "Bologna", "Turin"), "+39 0521",
        _words("Giulia Marco Davide Francesca Luca Sara Matteo Paolo Chiara Niccolò Elena"),
        _words("Bellini Romano Greco Marino Conti Rizzo Gallo Mancini Fontana Moretti Lombardi"),
        "S.p.A.",
    ),
    Country(
        "Spain", "Southern Europe", "EUR", ("Valencia", "Madrid", "Bilbao"), "+34 96",
        _words("José Lucía Álvaro Nuria Íñigo Carmen Sergio Begoña Raúl Marta Ángel"),
        _words("García Fernández López Martínez Sánchez Pérez Gómez Ibáñez Muñoz Núñez"),
        "S.A.",
    ),
    Country(
        "Poland", "Central Europe", "PLN", ("Wrocław", "Kraków", "Gdańsk"), "+48 71",
        _words("Łukasz Agnieszka Paweł Małgorzata Krzysztof Zofia Michał Ewa Wojciech"),
        _words("Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański"),
        "Sp. z o.o.",
        women=frozenset(_words("Agnieszka Małgorzata Zofia Ewa")),
        family_women=_words("Kowalska Nowak Wiśniewska Wójcik Kamińska Lewandowska "
                            "Zielińska Szymańska"),
    ),
    Country(
        "Greece", "Southern Europe", "EUR", ("Thessaloniki", "Athens"), "+30 2310",
        ("Γιώργος/Georgios", "Ελένη/Eleni", "Νίκος/Nikos", "Μαρία/Maria", "Δημήτρης/Dimitris"),
        ("Παπαδόπουλος/Papadopoulos", "Καραγιάννης/Karagiannis", "Οικονόμου/Oikonomou"),
        "A.E.",
        women=frozenset(("Ελένη/Eleni", "Μαρία/Maria")),
        family_women=("Παπαδοπούλου/Papadopoulou", "Καραγιάννη/Karagianni",
                      "Οικονόμου/Oikonomou"),
    ),
    Country(
        "Bulgaria", "Central Europe", "BGN", ("Sofia", "Plovdiv"), "+359 2",
        ("Иван/Ivan", "Мария/Maria", "Георги/Georgi", "Елена/Elena", "Петър/Petar"),
        ("Петров/Petrov", "Иванов/Ivanov", "Димитров/Dimitrov", "Георгиев/Georgiev"),
        "EOOD",
        women=frozenset(("Мария/Maria", "Елена/Elena")),
        family_women=("Петрова/Petrova", "Иванова/Ivanova", "Димитрова/Dimitrova",
                      "Георгиева/Georgieva"),
    ),
    Country(
        "Japan", "Asia Pacific", "JPY", ("Osaka", "Nagoya", "Yokohama"), "+81 6",
        ("健太/Kenta", "美咲/Misaki", "翔/Sho", "由美/Yumi", "大輔/Daisuke", "さくら/Sakura"),
        ("佐藤/Sato", "鈴木/Suzuki", "高橋/Takahashi", "田中/Tanaka", "渡辺/Watanabe"),
        "K.K.",
        family_first=True,
    ),
)
# fmt: on

COUNTRY_BY_NAME = {country.name: country for country in COUNTRIES}

DEPARTMENTS: tuple[str, ...] = (
    "Finance", "IT", "Operations", "Procurement", "HR", "Sales", "R&D",
    "Supply Chain", "Quality", "Marketing", "Legal", "Customer Service",
)  # fmt: skip

_CHIEFS = {
    "Finance": "Chief Financial Officer",
    "IT": "Chief Information Officer",
    "Operations": "Chief Operating Officer",
    "HR": "Chief People Officer",
    "Sales": "Chief Commercial Officer",
    "R&D": "Chief Technology Officer",
    "Marketing": "Chief Marketing Officer",
    "Legal": "General Counsel",
    "Supply Chain": "Chief Supply Chain Officer",
}

_SPECIALISTS = {
    "Finance": ("Financial Analyst", "Accountant", "Controller", "Treasury Analyst"),
    "IT": ("Systems Engineer", "Developer", "Security Analyst", "Cloud Engineer", "DBA"),
    "Operations": ("Process Engineer", "Shift Supervisor", "Planner", "Maintenance Engineer"),
    "Procurement": ("Buyer", "Category Specialist", "Contract Analyst"),
    "HR": ("HR Business Partner", "Recruiter", "Payroll Specialist", "HRIS Analyst"),
    "Sales": ("Account Manager", "Sales Engineer", "Inside Sales Representative"),
    "R&D": ("Design Engineer", "Test Engineer", "Research Scientist", "Product Owner"),
    "Supply Chain": ("Demand Planner", "Logistics Coordinator", "Inventory Analyst"),
    "Quality": ("Quality Engineer", "Auditor", "Lab Technician"),
    "Marketing": ("Marketing Specialist", "Content Manager", "Brand Analyst"),
    "Legal": ("Legal Counsel", "Paralegal", "Compliance Officer"),
    "Customer Service": ("Service Agent", "Field Service Technician", "Support Analyst"),
}

COMPANY_ROOTS: tuple[str, ...] = _words(
    "Aurelia Borealis Calder Dunmore Elvstrom Fjordline Greywater Halvard Ironbridge Juniper "
    "Kestrel Larkspur Marrow Northcliff Oakhaven Pellham Quarrystone Ravenmoor Saltmarsh "
    "Thornbury Umberfield Valtara Westmere Yarrowdale Zephyrus Ashcombe Brackenridge Corvell "
    "Drummond Emberly Foxhollow Glenrock Hartwell Islay Kingsmere Lindholm Moorcroft Nethercott "
    "Orrin Penmarch Redwater Stonebury Tamsin Underhill Verity Whitlock Alderbrook Birchley"
)

INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("Industrial machinery", "Engineering"),
    ("Food & beverage", "Foods"),
    ("Healthcare", "Health"),
    ("Logistics", "Logistics"),
    ("Energy & utilities", "Energy"),
    ("Retail", "Retail"),
    ("Chemicals", "Chemicals"),
    ("Automotive supply", "Automotive"),
    ("Financial services", "Financial"),
    ("Telecommunications", "Telecom"),
    ("Pharmaceuticals", "Pharma"),
    ("Construction materials", "Materials"),
)


def latin(entry: str) -> str:
    """The Latin spelling of a pool entry (``display/latin``), or the entry itself."""
    return entry.split("/", 1)[1] if "/" in entry else entry


def display(entry: str) -> str:
    """How a pool entry is written for people (``display/latin``), or the entry itself."""
    return entry.split("/", 1)[0]


def person_name(rng: random.Random, country: Country) -> tuple[str, str]:
    """A random full name for someone in ``country``: (as written, Latin spelling)."""
    given, number = rng.choice(country.given), rng.randrange(len(country.family))
    family = country.family[number]
    if given in country.women and country.family_women:
        family = country.family_women[number]
    parts = (family, given) if country.family_first else (given, family)
    separator = "" if country.family_first else " "
    return separator.join(display(p) for p in parts), " ".join(latin(p) for p in (given, family))


def email_address(latin_name: str, domain: str) -> str:
    """``first.last@domain``, folded to plain ASCII (Åkesson -> akesson, Weiß -> weiss)."""
    text = latin_name.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    text = text.replace("Ł", "L")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in folded.lower().replace("'", "").split() if w not in {"dr.", "dr"}]
    local = ".".join([words[0], "".join(words[1:])]) if len(words) > 1 else "".join(words)
    return f"{local or 'contact'}@{domain}"


def phone_number(rng: random.Random, country: Country) -> str:
    """A number in the country's format, drawn from a range that reads as fictional."""
    return f"{country.phone_prefix} 555 {rng.randint(10, 99)} {rng.randint(10, 99)}"


def job_title(rng: random.Random, level: str, department: str) -> str:
    """A believable title for a level (vocabulary value) in a department."""
    if level == "c_level":
        return _CHIEFS.get(department, f"Chief {department} Officer")
    if level == "vp":
        return rng.choice((f"VP {department}", f"Head of {department}"))
    if level == "director":
        return rng.choice((f"Director {department}", f"{department} Director"))
    if level == "manager":
        return rng.choice((f"{department} Manager", f"Team Lead {department}"))
    return rng.choice(_SPECIALISTS.get(department, ("Specialist",)))


def company_name(rng: random.Random, used: set[str], industry_word: str, suffix: str) -> str:
    """A fictional company name not yet in ``used`` (which it joins)."""
    for _ in range(50):
        name = f"{rng.choice(COMPANY_ROOTS)} {industry_word} {suffix}"
        if name not in used:
            used.add(name)
            return name
    number = len(used) + 1
    name = f"{rng.choice(COMPANY_ROOTS)} {industry_word} {number} {suffix}"
    used.add(name)
    return name


def web_domain(company: str) -> str:
    """A reserved ``.example`` domain for a fictional company: nothing real is ever hit."""
    first_word = email_address(company.split()[0], "x").split("@")[0]
    return f"{first_word}.example"
