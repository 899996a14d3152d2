"""Our side of the demo (team, offerings) and what its year of meetings was about.

Team member keys (``you``, ``sponsor``, ...) are what the other demo tables refer to.
"""

from __future__ import annotations

# (key, name, role, affiliate account key or None, e-mail)
TEAM = (
    ("you", "Alex Morgan (you)", "account_director", None, "alex.morgan@northlight.example"),
    ("specialist", "Priya Natarajan", "specialist", None, "priya.natarajan@northlight.example"),
    ("architect", "Samuel Okafor", "solution_architect", None, "samuel.okafor@northlight.example"),
    ("sponsor", "Margaret Lindsay", "executive_sponsor", None, "m.lindsay@northlight.example"),
    ("service", "Lars Petersen", "service_manager", None, "lars.petersen@northlight.example"),
    ("rep-de", "Sophie Hartmann", "local_rep", "aldermark-de", "s.hartmann@northlight.example"),
    ("rep-br", "Bruno Tavares", "local_rep", "aldermark-br", "bruno.tavares@northlight.example"),
)

# (key, name, description): our product and service areas, the columns of the whitespace map.
OFFERINGS = (
    ("cloud", "Cloud Platform Services", "Landing zones, migration and operation of hybrid "
     "cloud platforms."),
    ("data", "Data & Analytics", "Data platforms, dashboards and machine learning in "
     "production."),
    ("erp", "ERP Modernisation", "Templates, migration and roll-out of ERP across entities."),
    ("security", "Cybersecurity Services", "Assessments, managed SOC, identity and OT "
     "security."),
    ("workplace", "Managed Workplace", "Service desk, devices and collaboration tools as a "
     "service."),
    ("iot", "Industrial IoT", "Connected machines, predictive maintenance, MES integration."),
)  # fmt: skip

# What a meeting with someone in a department was about: (summary, next step or None).
# {first} is the first name of the main person met.
TOPICS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "IT": (
        ("Roadmap review with {first}: priorities for the next two quarters.",
         "Send the updated roadmap slide."),
        ("{first} walked us through the incident backlog; agreed on three quick wins.",
         "Service manager to report on the quick wins in two weeks."),
        ("Architecture workshop on the integration platform.",
         "Draft the target architecture for review."),
        ("Quarterly service review: 99.7 % availability, two major incidents.",
         "Share the root-cause analysis of the storage outage."),
        ("Went through the security assessment findings with {first}.",
         "Schedule a remediation planning session."),
        ("Coffee with {first} after the steering committee; candid talk about budget pressure.",
         None),
    ),
    "Finance": (
        ("Walked {first} through the business case for the ERP finance template.",
         "Rework the payback figures with Controlling."),
        ("Month-end close pain points: consolidation still runs in spreadsheets.",
         "Propose a two-week discovery."),
        ("Budget round preview with {first}: IT spend is under scrutiny.",
         "Prepare a one-page summary for the CFO."),
    ),
    "Operations": (
        ("Plant visit with {first}: line downtime and spare-part shortages.",
         "Send the predictive maintenance reference case."),
        ("Discussed equipment-effectiveness dashboards for the plants.",
         "Demo the OEE view of the data platform."),
        ("Supply chain review: late deliveries from two suppliers.", None),
    ),
    "Procurement": (
        ("Framework agreement check-in with {first}.", "Send the updated rate card."),
        ("{first} explained the timeline of the supplier consolidation tender.",
         "Confirm our intention to bid."),
    ),
    "HR": (
        ("HR systems roadmap: harmonising payroll across countries.",
         "Introduce our HR analytics specialist."),
    ),
    "Sales": (
        ("{first} raised CRM data quality problems.", "Offer a data clean-up workshop."),
    ),
    "R&D": (
        ("Connected products: how R&D could use field data from installed equipment.",
         "Arrange a session with our IoT team."),
    ),
    "Executive": (
        ("Executive check-in with {first}: their strategy and our part in it.",
         "Short follow-up letter from our executive sponsor."),
        ("Annual account review with the leadership team.", "Send the minutes and joint plan."),
    ),
    "Clinical": (
        ("Clinical systems priorities with {first}.",
         "Share the patient-record convergence reference."),
    ),
}  # fmt: skip

DEFAULT_TOPIC = ("Catch-up with {first}.", None)

# Meetings that tell the demo's story: (days ago, channel, people, team, summary, next step).
SCRIPTED_INTERACTIONS = (
    (98, "in_person", ("ceo", "cfo"), ("sponsor", "you"),
     "Executive dinner in Gothenburg. Henrik wants one partner for 'One Aldermark'; Zoë wants "
     "hard numbers before the budget round.",
     "Business case for the ERP template, with payback by entity."),
    (63, "in_person", ("cio", "arch", "finsys"), ("you", "architect"),
     "ERP finance template workshop: scope of wave 1 (Sweden and Germany).",
     "Proposal for the template build by the end of the month."),
    (35, "video", ("de-md", "de-plant"), ("rep-de", "you"),
     "Dr. Weiß wants to see a reference site for predictive maintenance before she commits.",
     "Arrange a reference visit."),
    (12, "in_person", ("cio",), ("you", "sponsor"),
     "Quarterly relationship review with Ingrid. She warned that Procurement will put the "
     "infrastructure contract out to tender.",
     "Retention plan with the service team."),
    (150, "video", ("br-ti",), ("service", "rep-br"),
     "VPN outage post-mortem with João; we promised a fix within a month.",
     "Service manager to deliver the fix."),
    (8, "video", ("data", "fr-data"), ("specialist",),
     "Reviewed the predictive quality models from Lyon; agreed a path to production.",
     "Statement of work for the platform extension."),
    (52, "in_person", ("mh-excio", "mh-arch"), ("you", "architect"),
     "Farewell lunch with Martin, who introduced Owen as the continuity on the roadmap.",
     "Ask Owen for an introduction to the interim CDO."),
    (40, "in_person", ("cf-ceo", "cf-cio"), ("sponsor", "you"),
     "Plan review in Parma with Giulia and Francesca; US launch dates confirmed.",
     "Traceability proposal before the summer."),
)  # fmt: skip
