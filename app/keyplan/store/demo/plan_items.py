"""The demo plans' items: opportunities, whitespace, competitors, risks, objectives, actions
and commitments.

Dates are day offsets from the day the demo is made (negative: in the past), so due dates,
overdue promises and close dates always sit in the same place relative to today. People and
team members are named by their keys in ``aldermark``, ``customers`` and ``stories``.
"""

from __future__ import annotations

# (account, name, department, offering, value, stage, probability, close in days, status)
OPPORTUNITIES = (
    ("aldermark", "Group ERP consolidation — finance template", "Finance", "erp", 2_400_000,
     "proposal", 40, 75, "open"),
    ("aldermark", "Hybrid cloud landing zone, phase 2", "IT", "cloud", 1_100_000,
     "negotiation", 70, 30, "open"),
    ("aldermark", "Managed SOC for all affiliates", "IT", "security", 650_000,
     "identified", 15, 200, "open"),
    ("aldermark", "Supply chain data platform", "Operations", "data", 820_000,
     "closed_won", 100, -60, "won"),
    ("aldermark", "HR analytics dashboards", "HR", "data", 95_000,
     "identified", 10, 150, "on_hold"),
    ("aldermark-de", "Predictive maintenance pilot, Stuttgart plant", "Operations", "iot",
     380_000, "qualified", 30, 120, "open"),
    ("aldermark-fr", "MES integration for the Lyon pump works", "Operations", "iot", 460_000,
     "proposal", 35, 90, "open"),
    ("aldermark-br", "Service desk consolidation", "IT", "workplace", 1_200_000,
     "closed_lost", 0, -120, "lost"),
    ("castellani", "Farm-to-shelf traceability platform", "Operations", "data", 540_000,
     "qualified", 40, 100, "open"),
    ("castellani", "ERP upgrade before the US launch", "Finance", "erp", 780_000,
     "proposal", 50, 60, "open"),
    ("meridian", "Data centre exit to hybrid cloud", "IT", "cloud", 1_500_000,
     "negotiation", 55, 45, "open"),
    ("meridian", "Managed service desk renewal", "IT", "workplace", 900_000,
     "closed_won", 100, -200, "won"),
    ("brightwater", "Real-time shipment tracking platform", "IT", "data", 620_000,
     "proposal", 45, 40, "open"),
    ("cedar", "OT network segmentation assessment", "IT", "security", 180_000,
     "identified", 20, 160, "open"),
)  # fmt: skip

# Per account, per department: one status per offering, in stories.OFFERINGS order
# (cloud data erp security workplace iot). I installed, P in pursuit, O opportunity,
# N not relevant, C competitor holds, . nothing known.
WHITESPACE = {
    "aldermark": """
Finance      O I P O I N
IT           I I O P I N
Operations   O I O . I P
Procurement  . O C . I N
HR           C P O . I N
Sales        C O . . I N
R&D          O O N O C O
""",
    "aldermark-de": """
IT           I O O P I .
Operations   . O . O . P
Finance      . . C . . N
""",
    "aldermark-fr": """
IT           O O C O I .
Operations   . O . . . P
""",
    "aldermark-br": """
IT           O . C O C .
Operations   . . . . . O
""",
    "castellani": """
IT           I O . I I .
Operations   . P . . . O
Finance      . O P . . N
Sales        . O . . . N
""",
    "meridian": """
IT           P O . O I N
Clinical     . O . . . N
Finance      . C . . . N
""",
    "brightwater": """
IT           I P . O . .
Operations   . O . . . O
""",
    "cedar": """
IT           . O . P . O
Operations   . . . . . O
""",
}

# (account, competitor, area, threat, notes)
COMPETITORS = (
    ("aldermark", "Vantora Consulting", "ERP templates", "high",
     "Built the SAP template in Stuttgart; offering the group template at cost."),
    ("aldermark", "Kestrel Cloud", "Hosting", "medium",
     "Cheaper hosting offered to Group Procurement during the consolidation tender."),
    ("aldermark", "Orbis Digital", "R&D workplace", "low", "Runs the engineering workstations."),
    ("aldermark-br", "Vantora Consulting", "Service desk", "high",
     "Won the service desk consolidation; close to the industrial director."),
    ("castellani", "Tessera Analytics", "Sales dashboards", "low", None),
    ("meridian", "Helix Health Systems", "Patient records", "high",
     "The patient-record vendor wants to host everything itself."),
    ("brightwater", "Kestrel Cloud", "Platform hosting", "medium", None),
)  # fmt: skip

# (account, description, likelihood, impact, mitigation, owner, status)
RISKS = (
    ("aldermark", "The CFO questions the data platform spend; phase 2 could be frozen in the "
     "cost review.", "high", "high", "CFO-ready business case with Lena Ek; executive sponsor "
     "meets Zoë before the budget round.", "sponsor", "open"),
    ("aldermark", "Group Procurement's vendor consolidation tender could reopen our "
     "infrastructure contract.", "medium", "high", "Retention plan; show the cost of switching "
     "during the ERP programme.", "you", "open"),
    ("aldermark", "In France our Finance relationship depended on Hélène Rousseau, who left.",
     "medium", "medium", "Meet Camille Laurent and the new controller this quarter.", "you",
     "open"),
    ("aldermark", "Vantora is embedded in Brazil and offers the ERP template at cost.",
     "medium", "high", "Local reference and BRL pricing for wave 2.", "rep-br", "open"),
    ("aldermark", "The service desk backlog in Q1 hurt our standing with IT Operations.",
     "low", "medium", "Weekly backlog report to Sofia Lindgren; two extra agents.", "service",
     "mitigated"),
    ("meridian", "Our champion Martin Clarke left; the interim CDO is unknown to us and "
     "known as a cost-cutter.", "high", "high", "Introduction through Owen Hughes; executive "
     "sponsor letter.", "you", "open"),
    ("castellani", "Everything runs through Francesca Greco; no relationship in Operations.",
     "medium", "medium", "Plant visit with the supply chain director.", "you", "open"),
    ("brightwater", "The private-equity owner may sell within two years.", "medium", "medium",
     None, "you", "open"),
)  # fmt: skip

# (key, account, description, measure, target, due in days, status)
OBJECTIVES = (
    ("erp", "aldermark", "Become the group's partner for the ERP consolidation",
     "Template contract signed", "EUR 2.4m signed", 180, "in_progress"),
    ("breadth", "aldermark", "Relationships above manager level in Finance and Operations",
     "Directors and above with relationship 'Working' or better", "6 people (2 today)", 120,
     "in_progress"),
    ("affiliates", "aldermark", "Grow revenue in the affiliates by 25 %",
     "Affiliate revenue", "EUR 3.1m", 270, "not_started"),
    ("promises", "aldermark", "Keep every promise on time for two quarters",
     "Commitments kept on time", "100 %", 90, "in_progress"),
    ("platform", "aldermark", "Land the supply chain data platform", "Contract signed",
     "EUR 0.8m", -60, "done"),
    ("cdo", "meridian", "Win over the interim Chief Digital Officer", "Meetings held",
     "Two meetings this quarter", 60, "not_started"),
    ("us", "castellani", "Be part of the US launch", "Traceability contract", "EUR 0.5m", 100,
     "in_progress"),
)  # fmt: skip

# (account, description, owner, due in days, status, person, opportunity name, objective key)
ACTIONS = (
    ("aldermark", "Business case for the ERP template with payback by entity", "architect",
     -5, "in_progress", "cfo", "Group ERP consolidation — finance template", "erp"),
    ("aldermark", "Executive sponsor meeting with Zoë Åkesson before the budget round",
     "sponsor", 14, "not_started", "cfo", None, "breadth"),
    ("aldermark", "Introduce ourselves to Tobias Engström (Operational Excellence)", "you", 21,
     "not_started", "opex", None, "breadth"),
    ("aldermark", "First meeting with the new CTO, Magnus Ekberg", "sponsor", 30,
     "not_started", "cto", None, "breadth"),
    ("aldermark", "Reference visit for Dr. Weiß at a plant running predictive maintenance",
     "rep-de", -10, "in_progress", "de-md", "Predictive maintenance pilot, Stuttgart plant",
     None),
    ("aldermark", "Meet Camille Laurent to rebuild the Finance relationship in Lyon", "you",
     18, "not_started", "fr-daf", None, "affiliates"),
    ("aldermark", "Retention plan for the infrastructure contract", "service", 10,
     "in_progress", "itops", "Hybrid cloud landing zone, phase 2", None),
    ("aldermark", "Statement of work for the platform extension (Lyon quality models)",
     "specialist", 5, "in_progress", "data", None, None),
    ("aldermark", "Monthly promise review with the account team", "you", 3, "in_progress",
     None, None, "promises"),
    ("aldermark", "Kick-off of the data platform with the supply chain team", "specialist",
     -45, "done", "scm", "Supply chain data platform", "platform"),
    ("meridian", "Ask Owen Hughes for an introduction to Aisha Rahman", "architect", 7,
     "not_started", "mh-cio", None, "cdo"),
    ("castellani", "Traceability proposal before the summer", "you", 25, "in_progress",
     "cf-cio", "Farm-to-shelf traceability platform", "us"),
    ("cedar", "Security questionnaire for the vendor review", "specialist", 20,
     "not_started", "cr-ciso", None, None),
)  # fmt: skip

# (account, promise, to person, by team member, made, due, status, delivered) — day offsets.
COMMITMENTS = (
    ("aldermark", "Send the hybrid cloud cost model with three scenarios", "cio", "architect",
     -200, -185, "kept", -187),
    ("aldermark", "Deliver the security assessment report for the affiliates", "sec",
     "specialist", -160, -130, "late", -112),
    ("aldermark", "Provide two manufacturing references for the ERP template", "cfo", "you",
     -90, -60, "kept", -62),
    ("aldermark", "Arrange a reference plant visit for predictive maintenance", "de-md",
     "rep-de", -75, -30, "open", None),
    ("aldermark", "Fix the recurring VPN outages at the Campinas site within a month", "br-ti",
     "service", -150, -120, "broken", None),
    ("aldermark", "Share the draft statement of work for the platform extension", "data",
     "specialist", -8, 5, "open", None),
    ("aldermark", "Run a finance-specific ERP demo for Lena Ek's team", "finsys", "architect",
     -30, -8, "open", None),
    ("aldermark", "Send the quarterly service report", "itops", "service", -100, -91, "kept",
     -93),
    ("aldermark", "Return the signed NDA for the Lyon MES project", "fr-dsi", "you", -45, -40,
     "late", -33),
    ("castellani", "Traceability demo with US retailer data", "cf-cio", "you", -40, -10,
     "kept", -12),
    ("meridian", "Introduce a health-sector reference for the data centre exit", "mh-arch",
     "architect", -52, -20, "open", None),
    ("brightwater", "Send a proof-of-concept plan for tracking", "bw-cto", "you", -15, 10,
     "open", None),
)  # fmt: skip
