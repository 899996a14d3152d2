"""The demo's four other accounts: a food maker, a hospital group, a haulier and a utility.

Each has its own story for the insights to find: Castellani is healthy but shallow outside IT,
Meridian lost our champion (he left) and has an interim CIO nobody has met, Brightwater is a
young, fast-moving growth account, and Cedar Ridge is a prospect we barely know.
"""

from __future__ import annotations

# key | name | title | level | reports to | role influence stance strength (see roster.py)
PEOPLE = {
    "castellani": """
[Executive]
cf-ceo   | Giulia Castellani  | Amministratrice delegata  | C  | -        | DM H supporter 2
[Finance]
cf-cfo   | Marco Bellini      | Chief Financial Officer   | C  | cf-ceo   | DM H neutral 2
cf-ctl   | Chiara Gallo       | Head of Controlling       | D  | cf-cfo   | INF M neutral 1
cf-acc   | Roberto Mancini    | Accounting Manager        | M  | cf-ctl   | U L unknown 0
[IT]
cf-cio   | Francesca Greco    | Head of IT                | VP | cf-cfo   | TE H champion 4
cf-inf   | Luca Marino        | Infrastructure Manager    | M  | cf-cio   | U M supporter 3
cf-app   | Sara Conti         | Applications Manager      | M  | cf-cio   | TE M supporter 3
cf-sec   | Matteo Rizzo       | IT Security Specialist    | I  | cf-inf   | U L neutral 1
cf-erp   | Paolo De Luca      | ERP Analyst               | I  | cf-app   | U L supporter 2
[Operations]
cf-coo   | Davide Romano      | Direttore operativo       | C  | cf-ceo   | DM H neutral 2
cf-plant | Stefano Costa      | Plant Director Parma      | D  | cf-coo   | INF H skeptic 1
cf-qa    | Elena Fontana      | Quality Assurance Manager | M  | cf-plant | U M neutral 1
cf-scm   | Andrea Moretti     | Supply Chain Director     | D  | cf-coo   | DM M neutral 2
cf-wh    | Simone Barbieri    | Warehouse Manager         | M  | cf-scm   | U L unknown 0
[R&D]
cf-rnd   | Giorgio Santoro    | New Products Manager      | M  | cf-coo   | - M neutral 1
[Procurement]
cf-buy   | Valentina Lombardi | Purchasing Manager        | M  | cf-cfo   | GK M skeptic 1
[Sales]
cf-cso   | Federico Ricci     | Sales Director            | VP | cf-ceo   | INF M unknown 0
cf-ecom  | Martina Colombo    | E-commerce Manager        | M  | cf-cso   | CH L champion 3
[HR]
cf-hr    | Laura Esposito     | HR Director               | D  | cf-ceo   | - M unknown 0
""",
    "meridian": """
[Executive]
mh-ceo   | Dr. Sarah Whitfield | Chief Executive                  | C  | -        | DM H neutral 1
[Finance]
mh-cfo   | Graham Holt         | Chief Financial Officer          | C  | mh-ceo   | DM H skeptic 1
mh-fin   | Stuart Lawson       | Deputy Director of Finance       | D  | mh-cfo   | U M neutral 1
[Procurement]
mh-proc  | Nadia Kowalski      | Head of Procurement              | VP | mh-cfo   | GK H skeptic 1
mh-cat   | Tom Fletcher        | Category Manager Digital         | M  | mh-proc  | GK M neutral 2
[IT]
mh-excio | Martin Clarke       | Chief Information Officer        | C  | mh-ceo   | DM H champion 4
mh-cio   | Aisha Rahman        | Interim Chief Digital Officer    | C  | mh-ceo   | DM H unknown 0
mh-arch  | Owen Hughes         | Head of Digital Architecture     | VP | mh-cio   | TE M supporter 3
mh-itops | Ben Carter          | Head of IT Operations            | VP | mh-cio   | TE M neutral 2
mh-desk  | Chloe Barnes        | Service Desk Lead                | M  | mh-itops | U L supporter 2
mh-sec   | Imran Shah          | Information Security Manager     | M  | mh-itops | TE M skeptic 1
[Clinical]
mh-cmo   | Dr. James Okonkwo   | Medical Director                 | C  | mh-ceo   | INF H neutral 1
mh-ccio  | Dr. Fiona MacLeod  | Chief Clinical Information Officer | D | mh-cio | INF H supporter 2
mh-nurse | Helen Price         | Chief Nurse                      | VP | mh-ceo   | INF H unknown 0
[Operations]
mh-coo   | Rachel Osei         | Chief Operating Officer          | C  | mh-ceo   | DM H supporter 2
mh-est   | Daniel Moss         | Director of Estates              | D  | mh-coo   | - L unknown 0
[HR]
mh-hr    | Joanne Pike         | Director of People               | VP | mh-ceo   | - M unknown 0
""",
    "brightwater": """
[Executive]
bw-ceo   | Pieter van der Meer | CEO                           | C  | -      | DM H supporter 2
[Finance]
bw-cfo   | Femke de Vries      | CFO                           | C  | bw-ceo | DM H neutral 2
bw-fin   | Jeroen Peters       | Finance Manager               | M  | bw-cfo | U L neutral 1
[Procurement]
bw-buy   | Marieke Hendriks    | Procurement Lead              | M  | bw-cfo | GK M neutral 1
[IT]
bw-cto   | Sander Jansen       | CTO                           | C  | bw-ceo | DM H champion 3
bw-dev   | Lotte Bakker        | Head of Software Development  | VP | bw-cto | TE M champion 3
bw-itops | Ruben Visser        | IT Operations Lead            | M  | bw-cto | U M supporter 3
bw-data  | Noor El Amrani      | Data Engineer                 | I  | bw-dev | U L supporter 2
[Operations]
bw-coo   | Hendrik Smit        | COO                           | C  | bw-ceo | DM H skeptic 1
bw-wh    | Daan Mulder         | Director Warehouse Operations | D  | bw-coo | INF M neutral 1
bw-fleet | Anouk de Boer       | Fleet Manager                 | M  | bw-coo | U L unknown 0
[Sales]
bw-cco   | Thijs van Dijk      | Commercial Director           | D  | bw-ceo | INF M unknown 0
bw-cs    | Sanne Dekker        | Customer Service Manager      | M  | bw-cco | U L supporter 2
""",
    "cedar": """
[Executive]
cr-ceo  | Robert Hastings   | President & CEO                 | C  | -      | DM H unknown 0
[Finance]
cr-cfo  | Linda Alvarez     | CFO                             | C  | cr-ceo | DM H neutral 1
cr-reg  | Michael Chen      | Director Regulatory Finance     | D  | cr-cfo | INF M unknown 0
[Procurement]
cr-sup  | Denise Washington | Supply Chain Manager            | M  | cr-cfo | GK M neutral 1
[IT]
cr-cio  | Kevin O'Brien     | CIO                             | C  | cr-ceo | DM H neutral 1
cr-ot   | Maria Gonzalez    | Director OT & SCADA Systems     | D  | cr-cio | TE H supporter 2
cr-ciso | Tyler Brooks      | CISO                            | VP | cr-cio | TE H skeptic 1
cr-apps | Jessica Nguyen    | Enterprise Applications Manager | M  | cr-cio | U M supporter 2
[Operations]
cr-grid | William Reyes     | VP Grid Operations              | VP | cr-ceo | INF H unknown 0
""",
}

NOTES: dict[str, dict] = {
    "cf-ceo": dict(
        channel="in_person", every=90, prefers="sponsor",
        personality="Third generation of the founding family; protective of the brand and of "
        "her people. Decides with her heart and checks with the CFO.",
        interests="Opera at the Teatro Regio; restoring the family villa.",
        challenge="Enter US retail without losing the 'made in Parma' quality.",
        priorities="US launch, traceability, keeping the family culture as the firm grows.",
    ),
    "cf-cio": dict(
        channel="phone", every=14, prefers="you",
        personality="Hands-on; reads every contract line by line. Our best contact at "
        "Castellani, and she knows it.",
        interests="Cyclist — rides the Passo del Cerreto every summer.",
        challenge="US retailers demand farm-to-shelf traceability by next season.",
        priorities="Traceability, ERP upgrade, a small team that does not burn out.",
    ),
    "cf-ecom": dict(
        channel="message", every=21,
        personality="Digital native with big ideas and a small budget; loves our dashboards.",
    ),
    "cf-plant": dict(
        personality="Thirty years in the plant; sees IT projects as interruptions to "
        "production.",
        challenge="A new packaging line must be validated before the US launch.",
    ),
    "mh-excio": dict(
        left=45, channel="in_person", every=30,
        personality="Left six weeks ago for Cedar Ridge Power & Light, our prospect. Still on "
        "good terms; could be a reference.",
    ),
    "mh-cio": dict(
        channel="in_person", every=30,
        personality="Interim since Martin left; known as a cost-cutter at her previous trust. "
        "We have not met her yet.",
        challenge="Cut the digital budget by 10 % while keeping the patient-record programme "
        "on track.",
    ),
    "mh-cfo": dict(
        channel="email", every=60,
        personality="Numbers first; distrusts vendors who talk about 'transformation'.",
        challenge="A £14m deficit plan agreed with the regulator.",
    ),
    "mh-arch": dict(
        channel="video", every=21, prefers="architect",
        personality="Thoughtful and loyal; worried the interim CDO will cancel his roadmap.",
        interests="Welsh rugby; restores old Land Rovers.",
    ),
    "bw-cto": dict(
        channel="in_person", every=21, prefers="you",
        personality="Start-up mindset, wants everything yesterday; thinks best at a whiteboard.",
        interests="Kite-surfing at Scheveningen.",
        challenge="Real-time tracking for 1,200 trucks on a fifteen-year-old TMS.",
        priorities="Platform rebuild, data products for shippers, hiring engineers.",
    ),
    "bw-coo": dict(
        personality="Came with the private-equity owner; every euro must show a return within a "
        "year.",
    ),
    "cr-cio": dict(
        channel="video", every=30, prefers="you",
        personality="Careful, regulated-industry mindset; every vendor goes through a "
        "six-month security review.",
        interests="Fly-fishing; coaches Little League.",
        challenge="Wildfire risk forces grid modernisation faster than the budget allows.",
    ),
    "cr-ot": dict(
        channel="phone", every=30,
        personality="Came up through the control room; practical, allergic to slides. Our way in.",
        challenge="Separate the OT network from IT after an audit finding.",
    ),
}  # fmt: skip

INFLUENCE_LINES = (
    ("cf-cfo", "cf-ceo", "influences", 3, "Giulia checks every big decision with Marco."),
    ("cf-cio", "cf-cfo", "ally", 2, None),
    ("cf-plant", "cf-coo", "influences", 2, "The plant's veto on anything that stops a line."),
    ("mh-cfo", "mh-cio", "sponsor", 3, "Graham brought Aisha in to control digital spend."),
    ("mh-ccio", "mh-cmo", "ally", 2, None),
    ("mh-excio", "mh-arch", "mentor", 3, "Martin hired and coached Owen."),
    ("bw-coo", "bw-cto", "rival", 2, "Fight over the platform budget."),
    ("bw-cfo", "bw-coo", "ally", 2, None),
    ("cr-ciso", "cr-cio", "influences", 3, "Every vendor needs Tyler's sign-off."),
)

OWNERS = (
    ("cf-ceo", "sponsor", "owner_only"),
    ("cf-cfo", "sponsor", "coordinate"),
    ("cf-coo", "you", "coordinate"),
    ("cf-scm", "service", "open_to_team"),
    ("cf-cio", "you", "coordinate"),
    ("cf-app", "architect", "open_to_team"),
    ("mh-excio", "you", "coordinate"),
    ("mh-arch", "architect", "open_to_team"),
    ("mh-cfo", "sponsor", "coordinate"),
    ("bw-ceo", "sponsor", "owner_only"),
    ("bw-cfo", "you", "coordinate"),
    ("bw-cto", "you", "coordinate"),
    ("bw-dev", "architect", "open_to_team"),
    ("cr-cio", "you", "coordinate"),
)
