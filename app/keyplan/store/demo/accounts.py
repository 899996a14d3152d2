"""The demo's accounts: figures, and the plan's story of each customer's business.

``review_days_ago`` is turned into ``last_review_on`` relative to the day the demo is made, so
that plan freshness always reads the same. ``city`` and ``domain`` shape people's locations and
e-mail addresses; ``country`` must be one of ``names.COUNTRIES``.
"""

from __future__ import annotations

ALDERMARK_STORY = dict(
    mission="Keep the world's water, air and energy flowing reliably: Aldermark designs, builds "
    "and services pumps, compressors and drive systems for industry and utilities.",
    vision="By 2030, the most trusted flow-technology partner in its markets, earning a third of "
    "its revenue from services and connected products.",
    values="Engineering pride; closeness to the customer; 'ansvar' (responsibility), the "
    "founders' word; one team across borders.",
    history="Founded in Gothenburg in 1911 as a foundry. Grew by acquisition: drive technology "
    "in Stuttgart (1998), the Lyon pump works (2006) and the Campinas plant (2014). Listed in "
    "Stockholm; about 9,000 employees and EUR 2.3 billion in revenue.",
    current_objectives="The 'One Aldermark' programme: one ERP and finance template across the "
    "group by the end of next year. Three points of EBIT margin. 30 % less unplanned downtime "
    "in the plants. Services from 18 % to 25 % of sales.",
    strategy="Consolidate back-office systems at group level while plants and sales stay local. "
    "Grow services through connected products (sensors on installed pumps) and aftermarket "
    "contracts.",
    resources="600 engineers in R&D; a lean group IT of 140 people; plant IT teams of 5 to 15 "
    "in each affiliate. Investment capacity is tied up in the ERP programme.",
    structures="Group functions sit in Gothenburg. Each affiliate is a legal entity whose "
    "managing director reports to the group COO. Affiliate IT reports to the local MD with a "
    "dotted line to the group CIO — a solid line in Germany since last year.",
    systems="Three ERP instances (SAP in Gothenburg and Stuttgart, a local package in Lyon, "
    "TOTVS in Campinas); our hybrid cloud platform for group systems; the supply chain data "
    "platform we built with them last year.",
    skills="Deep mechanical engineering and manufacturing know-how. Thin in data science, cloud "
    "operations and cybersecurity, which they buy in.",
    business_drivers="Expansion in Brazil (agribusiness irrigation) needs local capacity. New EU "
    "energy-efficiency rules drive demand for smart drives. NIS2 raises the security bar for "
    "all four entities.",
    cost_quality_issues="Month-end close takes 12 days. Unplanned downtime in Stuttgart and "
    "Campinas. The service desk backlog after the IT reorganisation hurt our standing with IT "
    "Operations.",
    value_proposition="One partner from the back office to the plant floor: the ERP template, "
    "the cloud platform it runs on, and the data and IoT services that turn installed pumps "
    "into service revenue.",
    notes="Group framework agreement renews in Q3 next year; Group Procurement signs it.",
)  # fmt: skip

ACCOUNTS: tuple[dict, ...] = (
    dict(
        key="aldermark", parent=None, name="Aldermark Group", city="Gothenburg",
        domain="aldermark.example", country="Sweden", region="Nordics",
        industry="Industrial machinery", tier="strategic", status="active", currency="EUR",
        annual_revenue=4_800_000, potential=14_000_000, website="https://aldermark.example",
        review_cadence_days=90, review_days_ago=104, **ALDERMARK_STORY,
    ),
    dict(
        key="aldermark-de", parent="aldermark", name="Aldermark Antriebstechnik GmbH",
        city="Stuttgart", domain="aldermark.example", country="Germany", region="DACH",
        industry="Industrial machinery", tier="key", status="active", currency="EUR",
        annual_revenue=1_200_000, potential=3_500_000, review_cadence_days=180,
        review_days_ago=60,
        current_objectives="Cut unplanned downtime in the Stuttgart plant by 30 %; win the new "
        "smart-drive product line; move from the local SAP to the group template without "
        "stopping production.",
        notes="Works council must be consulted on any system that measures people's work.",
    ),
    dict(
        key="aldermark-fr", parent="aldermark", name="Aldermark France SAS", city="Lyon",
        domain="aldermark.example", country="France", region="Western Europe",
        industry="Industrial machinery", tier="growth", status="active", currency="EUR",
        annual_revenue=600_000, potential=2_800_000, review_cadence_days=180,
        review_days_ago=210,
        current_objectives="Modernise the MES of the Lyon pump works; win the new product line "
        "from Stuttgart; replace the local ERP by the group template in the second wave.",
        notes="Our Finance contact left two months ago; rebuild the relationship there.",
    ),
    dict(
        key="aldermark-br", parent="aldermark", name="Aldermark do Brasil Ltda.", city="Campinas",
        domain="aldermark.example", country="Brazil", region="Latin America",
        industry="Industrial machinery", tier="growth", status="active", currency="BRL",
        annual_revenue=2_100_000, potential=9_000_000, review_cadence_days=120,
        review_days_ago=95,
        current_objectives="Double capacity for agribusiness irrigation pumps in three years; "
        "stabilise the site network; local pricing for imported technology.",
        notes="Prices in BRL: the board will not sign euro-denominated contracts.",
    ),
    dict(
        key="castellani", parent=None, name="Castellani Foods S.p.A.", city="Parma",
        domain="castellani.example", country="Italy", region="Southern Europe",
        industry="Food & beverage", tier="key", status="active", currency="EUR",
        annual_revenue=1_900_000, potential=4_500_000, website="https://castellani.example",
        review_cadence_days=90, review_days_ago=40,
        mission="Bring authentic Parma food to tables around the world, made the way the family "
        "has made it since 1952.",
        vision="The best-loved Italian food brand in North America within ten years.",
        values="Family, patience (good ham takes two years), respect for farmers, craftsmanship.",
        history="Founded in 1952 by Enzo Castellani as a ham curing house; now 1,400 people, "
        "three plants around Parma and exports to 40 countries. Still family-controlled.",
        current_objectives="Launch in US retail next year; farm-to-shelf traceability; upgrade "
        "the ERP before the launch.",
        strategy="Premium positioning, direct relationships with retailers, selective "
        "acquisitions of regional specialities.",
        systems="An ageing ERP with many custom reports; our managed infrastructure since 2021.",
        value_proposition="A traceability platform that proves 'made in Parma' to US retailers, "
        "on infrastructure we already run for them.",
    ),
    dict(
        key="meridian", parent=None, name="Meridian Health Partners", city="Leeds",
        domain="meridianhealth.example", country="United Kingdom", region="UK & Ireland",
        industry="Healthcare", tier="key", status="active", currency="GBP",
        annual_revenue=2_600_000, potential=6_000_000, website="https://meridianhealth.example",
        review_cadence_days=60, review_days_ago=150,
        mission="Outstanding, compassionate care for 1.2 million people in West Yorkshire.",
        history="Formed in 2016 by merging three hospital groups; five hospitals, 14,000 staff.",
        current_objectives="Converge three patient-record systems into one; cut agency staff "
        "spend; meet the deficit plan agreed with the regulator.",
        strategy="Clinically led digital change; shared services across the five hospitals.",
        cost_quality_issues="A £14m deficit; long waiting lists; an ageing data centre.",
        value_proposition="Run and secure the infrastructure so their own people can focus on "
        "the patient-record convergence.",
    ),
    dict(
        key="brightwater", parent=None, name="Brightwater Logistics B.V.", city="Rotterdam",
        domain="brightwater.example", country="Netherlands", region="Benelux",
        industry="Logistics", tier="growth", status="active", currency="EUR",
        annual_revenue=800_000, potential=3_200_000, website="https://brightwater.example",
        review_cadence_days=120, review_days_ago=20,
        mission="Move goods through the port of Rotterdam faster and cleaner than anyone.",
        history="A family haulier since 1978, bought by a private-equity fund in 2021; four "
        "acquisitions since, now 1,200 trucks.",
        current_objectives="Real-time tracking for every shipment; integrate the acquired "
        "companies; electric trucks for port shuttles.",
        strategy="Buy and build; a digital freight platform for shippers.",
        value_proposition="Rebuild the platform with them, fast, and run it so they can grow by "
        "acquisition.",
    ),
    dict(
        key="cedar", parent=None, name="Cedar Ridge Power & Light", city="Denver",
        domain="cedarridge.example", country="United States", region="North America",
        industry="Energy & utilities", tier="growth", status="prospect", currency="USD",
        annual_revenue=None, potential=7_500_000, website="https://cedarridge.example",
        review_cadence_days=90, review_days_ago=None,
        mission="Safe, reliable, affordable power for 450,000 customers on the Front Range.",
        current_objectives="Harden the grid against wildfire; roll out smart meters; pass the "
        "next cyber audit.",
        value_proposition="OT security and grid analytics from a partner that already does it "
        "for European utilities.",
    ),
)  # fmt: skip
