"""The demo's umbrella account: Aldermark Group and its affiliates in Germany, France and Brazil.

A fictional industrial group (pumps, compressors, drives). The affiliates' managing directors
report to the group COO and the German head of IT to the group CIO, so reporting lines cross
accounts inside the umbrella. The relationship is deep in group IT and thin everywhere else:
the shape the coverage insights are meant to reveal.
"""

from __future__ import annotations

# key | name | title | level | reports to | role influence stance strength (see roster.py)
PEOPLE = {
    "aldermark": """
[Executive]
ceo    | Henrik Dahlgren  | Group Chief Executive Officer   | C  | -      | DM H neutral 2
ceo-ea | Eva Norén        | Executive Assistant to the CEO  | I  | ceo    | GK M supporter 3
[Finance]
cfo    | Zoë Åkesson      | Group Chief Financial Officer   | C  | ceo    | DM H skeptic 1
ctrl   | Karin Nyström    | VP Group Controlling            | VP | cfo    | INF M neutral 2
treas  | Olof Hedlund     | Head of Group Treasury          | VP | cfo    | - L unknown 0
finsys | Lena Ek          | Director Finance Systems        | D  | ctrl   | TE M supporter 3
finmgr | Johan Sjöberg    | Finance Systems Manager         | M  | finsys | U L supporter 2
[Procurement]
cpo    | Sebastian Wallin | VP Group Procurement            | VP | cfo    | GK H blocker 1
indir  | Erik Holm        | Director Indirect Procurement   | D  | cpo    | GK M skeptic 1
catit  | Maja Lund        | Category Manager IT & Services  | M  | indir  | GK M neutral 2
[IT]
cio    | Ingrid Solberg   | Group Chief Information Officer | C  | ceo    | DM H champion 4
arch   | Pär Nilsson      | VP Enterprise Architecture      | VP | cio    | TE H champion 4
itops  | Sofia Lindgren   | VP IT Operations                | VP | cio    | TE M supporter 3
infra  | Daniel Forsberg  | Director Infrastructure & Cloud | D  | itops  | TE M supporter 3
data   | Emma Strand      | Director Data & Analytics       | D  | arch   | CH M champion 3
cloud  | Viktor Ahlström  | Cloud Platform Manager          | M  | infra  | U L supporter 3
desk   | Linnea Berglund  | Service Desk Manager            | M  | itops  | U L neutral 2
sec    | Amir Haddad      | Lead Security Architect         | I  | arch   | TE M skeptic 1
integ  | Jonas Falk       | Integration Lead                | I  | data   | U L supporter 2
[Operations]
coo    | Marcus Feld      | Group Chief Operating Officer   | C  | ceo    | DM H supporter 2
opex   | Tobias Engström  | VP Operational Excellence       | VP | coo    | INF H neutral 1
scm    | Helena Ström     | Director Group Supply Chain     | D  | opex   | INF M neutral 1
logis  | Rasmus Lind      | Logistics Planning Manager      | M  | scm    | U L unknown 0
[HR]
chro   | Annika Berg      | Chief Human Resources Officer   | C  | ceo    | INF M neutral 1
hrsys  | Sara Öberg       | Head of HR Systems              | D  | chro   | TE M supporter 2
hris   | Nils Hagberg     | HRIS Manager                    | M  | hrsys  | U L unknown 0
[Sales]
cco    | Fredrik Månsson  | Chief Commercial Officer        | C  | ceo    | INF H unknown 0
salop  | Charlotte Blom   | VP Sales Operations             | VP | cco    | DM M neutral 1
crm    | Oskar Wikström   | CRM Manager                     | M  | salop  | U L supporter 2
[R&D]
cto    | Magnus Ekberg    | Chief Technology Officer        | C  | ceo    | DM H unknown 0
rnd    | Mattias Björk    | VP Research & Development       | VP | cto    | INF M neutral 1
peng   | Klara Sundberg   | Director Product Engineering    | D  | rnd    | TE M supporter 2
plm    | Anders Lindahl   | PLM Manager                     | M  | peng   | U L neutral 1
""",
    "aldermark-de": """
[Executive]
de-md    | Dr. Katharina Weiß   | Geschäftsführerin            | C  | coo      | DM H supporter 2
[Finance]
de-cfo   | Jürgen Hoffmann      | Kaufmännischer Leiter        | VP | de-md    | DM M skeptic 1
de-ctl   | Monika Braun         | Controllerin                 | I  | de-cfo   | U L neutral 1
[Procurement]
de-buy   | Lukas Schäfer        | Leiter Einkauf               | M  | de-cfo   | GK M neutral 2
[IT]
de-it    | Ольга Смирнова       | Leiterin IT                  | D  | cio      | TE H champion 3
de-sap   | Felix Neumann        | SAP Basis Lead               | I  | de-it    | U L supporter 2
de-sec   | Jan Vogel            | IT-Sicherheitsbeauftragter   | I  | de-it    | TE M skeptic 1
[Operations]
de-plant | Stefan Becker        | Werkleiter Stuttgart         | D  | de-md    | INF H neutral 1
de-prod  | Γιώργος Παπαδόπουλος | Fertigungsleiter             | M  | de-plant | U M supporter 2
de-qm    | Sabine Koch          | Leiterin Qualitätsmanagement | M  | de-plant | INF L unknown 0
[HR]
de-hr    | Anna Krüger          | HR Business Partner          | M  | de-md    | - L unknown 0
[Sales]
de-sales | Thomas Wagner        | Vertriebsleiter DACH         | D  | de-md    | - M neutral 1
""",
    "aldermark-fr": """
[Executive]
fr-dg   | François Müller | Directeur général                | C  | coo    | DM H neutral 2
[Finance]
fr-daf  | Camille Laurent | Directrice financière            | VP | fr-dg  | DM M supporter 2
fr-cg   | Hélène Rousseau | Contrôleuse de gestion           | I  | fr-daf | U L supporter 3
[Procurement]
fr-ach  | Élodie Fournier | Responsable achats               | M  | fr-daf | GK M skeptic 1
[IT]
fr-dsi  | Julien Moreau   | Directeur des systèmes d'information | D  | fr-dg  | TE H neutral 1
fr-erp  | Nicolas Lefèvre | Chef de projet ERP               | I  | fr-dsi | U L supporter 2
fr-data | 王芳              | Data Scientist                   | I  | fr-dsi | U L champion 3
[Operations]
fr-ops  | Antoine Girard  | Directeur des opérations         | D  | fr-dg  | INF M neutral 1
fr-mnt  | Mathieu Bernard | Responsable maintenance          | M  | fr-ops | U L supporter 2
fr-meth | Inès Benali     | Ingénieure méthodes              | I  | fr-ops | U L unknown 0
[HR]
fr-rh   | Céline Dubois   | Responsable ressources humaines  | M  | fr-dg  | - L unknown 0
""",
    "aldermark-br": """
[Executive]
br-dg  | Ricardo Albuquerque | Diretor-geral            | C  | coo    | DM H supporter 2
[Finance]
br-cfo | Fernanda Costa      | Diretora financeira      | VP | br-dg  | DM M neutral 1
[Procurement]
br-buy | Luciana Ribeiro     | Gerente de compras       | M  | br-cfo | GK M neutral 1
[IT]
br-ti  | João Pereira        | Gerente de TI            | M  | br-dg  | TE M champion 3
br-sys | Gabriela Santos     | Analista de sistemas     | I  | br-ti  | U L supporter 2
[Operations]
br-ind | Paulo Nascimento    | Diretor industrial       | D  | br-dg  | INF H skeptic 1
br-log | Rafael Oliveira     | Coordenador de logística | M  | br-ind | U L unknown 0
br-eng | Kenji Tanaka        | Engenheiro de processos  | I  | br-ind | U L neutral 1
""",
}

# What we know of each person beyond the table: how to reach them and what moves them.
# "prefers" names one of our team members (see stories.TEAM); "left" is days since they left.
NOTES: dict[str, dict] = {
    "ceo": dict(
        channel="in_person", every=90, prefers="sponsor",
        personality="Former plant manager who rose through operations. Decides fast once he "
        "trusts the numbers; dislikes slide decks longer than ten pages.",
        interests="Sailing in the archipelago; chairs the board of a youth football club.",
        challenge="Deliver the 'One Aldermark' integration he promised the board: one ERP, one "
        "way of working, without losing the affiliates' entrepreneurial spirit.",
        priorities="Three points of EBIT margin; integrating the affiliates; succession.",
    ),
    "ceo-ea": dict(
        channel="phone", every=30,
        personality="Runs the CEO's calendar, kindly but firmly. Always book through her, "
        "never around her.",
        interests="Opera; her grandchildren.",
    ),
    "cfo": dict(
        channel="video", every=45, prefers="sponsor",
        personality="Analytical and sceptical of IT spend without a payback date. Reads "
        "everything before a meeting and expects you to have done the same.",
        interests="Marathon runner; collects mid-century Scandinavian design.",
        challenge="Cut group SG&A by 8 % while funding the ERP consolidation; the board is "
        "questioning the IT budget.",
        priorities="Cash conversion, one chart of accounts, fewer suppliers.",
    ),
    "cpo": dict(
        channel="email", every=60, prefers="you",
        personality="Writes his status mails in raw HTML (<b>&nbsp;</b> everywhere) & expects "
        "replies within the hour. Negotiates hard; sees every incumbent as a cost to cut.",
        interests="Golf (handicap 8); hunting in the autumn.",
        challenge="A group target of 15 % fewer suppliers this year.",
        priorities="Vendor consolidation, framework agreements, payment terms.",
    ),
    "finsys": dict(
        channel="video", every=30, prefers="architect",
        personality="Practical and friendly; the person who will actually run the new finance "
        "template. Wants to be asked, not told.",
        interests="Gardening; sings in a choir.",
        challenge="Month-end close takes 12 days because consolidation across the affiliates "
        "is done in spreadsheets.",
        priorities="A faster close; one chart of accounts.",
    ),
    "cio": dict(
        channel="video", every=14, prefers="you",
        personality="Our strongest advocate. Thinks in platforms, not projects; wants a partner "
        "who challenges her, not a vendor who agrees.",
        interests="Plays the cello in an amateur orchestra; two teenagers in ice hockey.",
        challenge="Prove to the CFO that the cloud and data investments pay off before the "
        "next budget round.",
        priorities="ERP consolidation, the cloud landing zone, the data platform, cyber "
        "resilience.",
    ),
    "arch": dict(
        channel="video", every=14, prefers="architect",
        personality="Detail-oriented architect who writes long e-mails at night. Loyal once "
        "convinced; remembers every broken promise.",
        interests="Amateur astronomer; brews his own beer.",
        challenge="Retire three ERP instances and 40 interfaces in two years with the same team.",
        priorities="Target architecture, integration platform, technical debt.",
    ),
    "itops": dict(
        channel="phone", every=21, prefers="service",
        personality="Calm under pressure and measures everything. Judges us by incident "
        "numbers, not by strategy talks.",
        interests="Trail running; dog agility with her border collie.",
        challenge="Service desk backlog and staff turnover since the IT reorganisation.",
        priorities="Stable operations, fewer tickets, automation.",
    ),
    "data": dict(
        channel="video", every=21, prefers="specialist",
        personality="Energetic and impatient; pushes for quick pilots and sometimes promises "
        "more internally than her budget allows.",
        interests="Board games; teaches girls to code on Saturdays.",
        challenge="The supply chain data platform is live, but the affiliates barely use it.",
        priorities="Self-service analytics, data quality, roll-out to the affiliates.",
    ),
    "sec": dict(
        channel="email", every=60,
        personality="Methodical and cautious; blocks anything that has not passed his "
        "checklist. Respect the process and he is fair.",
        interests="Capture-the-flag competitions; Lebanese cooking.",
        challenge="NIS2 compliance in four countries with a team of three.",
        priorities="Identity and access management; supplier security assessments.",
    ),
    "coo": dict(
        channel="in_person", every=60, prefers="you",
        personality="Pragmatic engineer; would rather see something working on the shop floor "
        "than in a demo.",
        interests="Restores vintage motorcycles; grew up in Kiruna.",
        challenge="Unplanned downtime in Stuttgart and Campinas is eating the margin gained "
        "elsewhere.",
        priorities="Equipment effectiveness, supply chain resilience, affiliate performance.",
    ),
    "opex": dict(
        personality="Lean Six Sigma black belt; treats IT as a cost centre until proven "
        "otherwise.",
        challenge="One set of production KPIs across the four plants by year end.",
    ),
    "cto": dict(
        channel="in_person", every=60,
        personality="Joined from a competitor eight months ago; we know little about him yet.",
        challenge="The board wants service revenue from connected pumps; R&D has no data "
        "platform of its own.",
    ),
    "cco": dict(
        personality="Newly appointed; rumoured to favour a competitor's CRM.",
    ),
    "de-md": dict(
        channel="in_person", every=45, prefers="rep-de",
        personality="Precise and formal: address her as Dr. Weiß until she offers otherwise. "
        "Wants everything in writing, in German.",
        interests="Classical music; rides horses at weekends.",
        challenge="Cut unplanned downtime in Stuttgart by 30 % or lose the new product line to "
        "Lyon.",
        priorities="Plant performance, good relations with the works council, local autonomy.",
    ),
    "de-cfo": dict(
        personality="Has seen two failed IT projects at the plant; wants fixed prices and "
        "named people.",
    ),
    "de-it": dict(
        channel="video", every=21, prefers="rep-de", email="olga.smirnova@aldermark.example",
        personality="Direct and technical; grew up in Novosibirsk, studied in Karlsruhe. "
        "Appreciates it when we bring engineers rather than salespeople.",
        interests="Chess; hiking in the Black Forest.",
        challenge="Keep SAP running at the plant with a team of five while the group plans to "
        "replace it.",
        priorities="Plant uptime, OT security, a credible migration plan.",
    ),
    "de-plant": dict(challenge="Unplanned downtime on press line 3, twice a month."),
    "de-prod": dict(
        channel="phone", every=45, email="georgios.papadopoulos@aldermark.example",
        personality="Knows every machine on the line; informal and funny. The best source on "
        "what really breaks.",
        interests="Cooks for the whole shift at Easter; PAOK supporter.",
        challenge="Spare parts for the old presses are no longer made.",
    ),
    "fr-dg": dict(
        channel="in_person", every=60, prefers="you",
        personality="Alsatian, bilingual in French and German; charming in meetings, slow to "
        "commit. Decisions happen over lunch, not in workshops.",
        interests="Wine (a share in a small Alsace vineyard); road cycling.",
        challenge="Win the new product line for Lyon against Stuttgart.",
        priorities="Plant investment, MES modernisation, keeping his engineers.",
    ),
    "fr-cg": dict(
        left=60,
        personality="Was our main contact in French Finance; left for another company two "
        "months ago.",
    ),
    "fr-dsi": dict(
        personality="Feels bypassed by group IT and defends local solutions. Involve him early.",
    ),
    "fr-data": dict(
        channel="message", every=14, prefers="specialist", email="fang.wang@aldermark.example",
        personality="Joined from a university lab in Shanghai; an enthusiastic user of our data "
        "platform, with no budget authority.",
        interests="Photography; badminton.",
        challenge="Her predictive quality models are stuck in a notebook; nobody runs them in "
        "production.",
    ),
    "br-dg": dict(
        channel="in_person", every=60, prefers="rep-br",
        personality="Warm and relationship-first; expects a visit, not a video call. Football "
        "before business.",
        interests="Corinthians season ticket; churrasco weekends with family.",
        challenge="Currency swings make every euro-priced contract a hard sell to his board.",
        priorities="Local pricing; growth in agribusiness irrigation pumps.",
    ),
    "br-ti": dict(
        channel="message", every=14, prefers="rep-br",
        personality="Young and ambitious; WhatsApp rather than e-mail. Our champion since the "
        "VPN fix — until it broke again.",
    ),
    "br-ind": dict(
        personality="Sceptical of us since the service desk tender; close to the Vantora team.",
    ),
}  # fmt: skip

# (from, to, kind, strength 1-3, note)
INFLUENCE_LINES = (
    ("cio", "ceo", "influences", 3, "The CEO's closest adviser on anything digital."),
    ("cfo", "cio", "rival", 2, "Budget battles over the cost of running IT."),
    ("cpo", "cfo", "ally", 3, "Sebastian carries out Zoë's cost-down agenda."),
    ("arch", "data", "mentor", 2, "Pär brought Emma into the group and coaches her."),
    ("coo", "opex", "sponsor", 3, "Marcus is grooming Tobias as his successor."),
    ("de-md", "coo", "influences", 2, "Katharina has Marcus's ear on plant investments."),
    ("de-it", "arch", "ally", 3, "Olga and Pär lead the group architecture board together."),
    ("fr-dg", "de-md", "rival", 2, "Lyon and Stuttgart compete for the new product line."),
    ("br-dg", "coo", "ally", 2, "Marcus recruited Ricardo from a customer."),
    ("ceo-ea", "ceo", "influences", 2, "Decides who gets time in Henrik's calendar."),
    ("cco", "coo", "rival", 1, "Disagree on who owns the service business."),
    ("cto", "peng", "mentor", 2, None),
    ("treas", "cfo", "influences", 2, "Zoë relies on Olof for every investment case."),
    ("crm", "salop", "influences", 2, "Charlotte's team lives in the CRM Oskar runs."),
    ("de-plant", "de-md", "influences", 3, "Nothing happens in the plant without Stefan."),
    ("catit", "cpo", "influences", 1, "Prepares the supplier shortlists."),
)

# (person, team member, engagement rule)
OWNERS = (
    ("ceo", "sponsor", "owner_only"),
    ("cfo", "sponsor", "coordinate"),
    ("coo", "you", "coordinate"),
    ("cio", "you", "coordinate"),
    ("cio", "sponsor", "coordinate"),
    ("arch", "architect", "open_to_team"),
    ("itops", "service", "open_to_team"),
    ("infra", "service", "open_to_team"),
    ("data", "specialist", "open_to_team"),
    ("finsys", "specialist", "open_to_team"),
    ("cpo", "you", "owner_only"),
    ("de-md", "rep-de", "coordinate"),
    ("de-it", "rep-de", "open_to_team"),
    ("de-cfo", "rep-de", "coordinate"),
    ("fr-dg", "you", "coordinate"),
    ("fr-dsi", "architect", "coordinate"),
    ("br-dg", "rep-br", "coordinate"),
    ("br-ti", "rep-br", "open_to_team"),
    ("br-ind", "rep-br", "coordinate"),
)
