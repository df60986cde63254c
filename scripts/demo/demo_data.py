"""Demo data for Cadre: the menu of role types, bodies, roles and standing avenues.

Plain data, read by load_demo.py. Enum values are written as short names and mapped to
the proto enums there:
  level:   1-4 (NHS England's four PPV categories)
  rung:    "inform" | "consult" | "involve" | "collaborate" | "devolve"
  mode:    "in-person" | "remote" | "hybrid"
  pay:     pence an hour of involvement payment; 0 means voluntary (expenses only when
           "expenses" is True); "salaried" for a paid post
  state:   "open" (default) | "draft" | "closed" | "filled"
  closes:  days from now until applications close

ODS codes are the real ones for NHS England, the ICBs and the trusts. CQC, NICE, the
NHS Leadership Academy, the local Healthwatch and the charity are loaded without an ODS
code, so the registry issues each a "CDR..." code. Every role is illustrative.
"""

# Involvement payment rates in pence an hour. NHS England pays PPV partners £150 for a
# day's involvement (£75 a half day): about £21 an hour over a 7-hour day.
NHSE_RATE = 2150
ICB_RATE = 2000
TRUST_RATE = 1500

# ---------------------------------------------------------------------------- menu

ROLE_TYPES = [
    dict(id="survey-respondent", title="Survey respondent", level=1, rung="consult",
         hours=1, months=0, pattern="a 15-minute online survey, once",
         expertise=["lived-experience"],
         description="Answer an online or paper survey about a service you or someone "
                     "you care for has used. No experience needed."),
    dict(id="public-meeting-attendee", title="Public meeting or event attendee", level=1,
         rung="inform", hours=2, months=0, pattern="one public meeting",
         expertise=["lived-experience", "community-engagement"],
         description="Come to an open public meeting or online event to hear plans and "
                     "put questions to the people making them."),
    dict(id="healthwatch-community-volunteer", title="Healthwatch community volunteer",
         level=1, rung="consult", hours=4, months=6, pattern="a few hours a month, flexible",
         expertise=["community-engagement", "listening"],
         description="Gather people's views on health and care at community events, "
                     "libraries and clinics for your local Healthwatch."),
    dict(id="focus-group-participant", title="Focus group participant", level=2,
         rung="consult", hours=3, months=0, pattern="one 2-hour session plus reading",
         expertise=["lived-experience"],
         description="Take part in a one-off discussion with 6 to 10 others about a "
                     "service change, a leaflet or a new pathway."),
    dict(id="co-design-workshop-member", title="Co-design workshop member", level=2,
         rung="involve", hours=6, months=0, pattern="one full-day workshop",
         expertise=["lived-experience", "co-production"],
         description="Work alongside staff in a one-off workshop to redesign part of a "
                     "service from the patient's side."),
    dict(id="patient-reader", title="Patient reader", level=2, rung="consult",
         hours=2, months=0, pattern="review one document from home",
         expertise=["plain-english"],
         description="Read patient letters, leaflets or web pages before they are "
                     "published and say what is unclear."),
    dict(id="patient-panel-member", title="Patient panel member", level=3,
         rung="involve", hours=4, months=12, pattern="one 2-hour meeting a month",
         expertise=["lived-experience", "co-production"],
         description="Join a trust's or ICB's standing patient panel that advises on "
                     "changes to services throughout the year."),
    dict(id="lay-member-quality-committee", title="Lay member of a quality committee",
         level=3, rung="collaborate", hours=6, months=24,
         pattern="one half-day meeting a month plus papers",
         expertise=["governance", "lived-experience"],
         description="Sit as a lay member on a committee that scrutinises the quality "
                     "and safety of care, bringing the patient's view to its decisions."),
    dict(id="healthwatch-enter-and-view", title="Healthwatch Enter and View representative",
         level=3, rung="involve", hours=8, months=12, pattern="two visits a month",
         expertise=["observation", "report-writing"],
         description="Visit hospitals, care homes and GP surgeries as an authorised "
                     "representative and report what you see and hear."),
    dict(id="peer-reviewer", title="Lay peer reviewer", level=3, rung="collaborate",
         hours=6, months=12, pattern="about one review a month from home",
         expertise=["lay-reviewing", "research"],
         description="Review guidance, research proposals or inspection reports as a "
                     "lay member of an expert panel."),
    dict(id="ppv-partner-programme-board", title="PPV partner on a programme board",
         level=4, rung="collaborate", hours=8, months=24,
         pattern="a board meeting every other month plus working groups",
         expertise=["governance", "strategy", "lived-experience"],
         description="A senior, accountable patient and public voice partner on a "
                     "national or regional programme board, with an equal voice."),
    dict(id="lay-member-icb-board", title="Lay member of an ICB board or committee",
         level=4, rung="devolve", hours=16, months=36,
         pattern="two days a month, board and committee meetings",
         expertise=["governance", "finance", "chairing"],
         description="A non-executive or lay member of an integrated care board or one "
                     "of its statutory committees, sharing in its decisions."),
]

# ---------------------------------------------------------------------------- bodies

# "code" is the ODS code, or None where the registry is to issue one; "key" is a stable
# handle used below and for request ids. NHS England comes last: its presence marks a
# completed load (see load_demo.py).
BODIES = [
    dict(key="QOP", code="QOP", name="NHS Greater Manchester Integrated Care Board",
         kind="icb", region="north-west",
         website="https://gmintegratedcare.org.uk",
         description="Involves Greater Manchester residents through its people's panel, "
                     "lay members on its committees and co-design of new pathways."),
    dict(key="QRV", code="QRV", name="NHS North West London Integrated Care Board",
         kind="icb", region="london", website="https://www.nwlondonicb.nhs.uk",
         description="Works with residents' networks in eight boroughs and recruits "
                     "lay partners to its programme boards."),
    dict(key="QHL", code="QHL", name="NHS Birmingham and Solihull Integrated Care Board",
         kind="icb", region="midlands", website="https://www.birminghamsolihull.icb.nhs.uk",
         description="Supports patient participation groups across its GP practices and "
                     "involves communities in reducing health inequalities."),
    dict(key="QUY", code="QUY",
         name="NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board",
         kind="icb", region="south-west", website="https://bnssg.icb.nhs.uk",
         description="Involves local people through its citizens' panel and patient "
                     "partners on its transformation programmes."),
    dict(key="RTH", code="RTH", name="Oxford University Hospitals NHS Foundation Trust",
         kind="trust", region="south-east", website="https://www.ouh.nhs.uk",
         description="Patient partners sit on its patient experience, maternity and "
                     "research groups; its reader panel reviews every patient leaflet."),
    dict(key="RR8", code="RR8", name="Leeds Teaching Hospitals NHS Trust",
         kind="trust", region="north-east-and-yorkshire",
         website="https://www.leedsth.nhs.uk",
         description="Involves patients and carers through its patient panel, service "
                     "user groups and the Leeds Cancer Centre partnership."),
    dict(key="R0A", code="R0A", name="Manchester University NHS Foundation Trust",
         kind="trust", region="north-west", website="https://mft.nhs.uk",
         description="Has a council of governors, youth forum and patient partners on "
                     "its hospital quality committees."),
    dict(key="RJ1", code="RJ1", name="Guy's and St Thomas' NHS Foundation Trust",
         kind="trust", region="london", website="https://www.guysandstthomas.nhs.uk",
         description="Patient and public involvement across its hospitals and "
                     "community services, with involvement payments for partners."),
    dict(key="CQC", code=None, name="Care Quality Commission", kind="regulator",
         region="national", website="https://www.cqc.org.uk",
         description="Experts by Experience join inspections, and people who use "
                     "services help shape how CQC regulates."),
    dict(key="NICE", code=None, name="National Institute for Health and Care Excellence",
         kind="nice", region="national", website="https://www.nice.org.uk",
         description="Lay members sit on every guideline committee and quality "
                     "standards advisory committee."),
    dict(key="ACADEMY", code=None, name="NHS Leadership Academy",
         kind="leadership-academy", region="national",
         website="https://www.leadershipacademy.nhs.uk",
         description="Runs leadership development for patient leaders and involves "
                     "them in designing and assessing its programmes."),
    dict(key="HWOX", code=None, name="Healthwatch Oxfordshire",
         kind="local-healthwatch", region="south-east",
         website="https://healthwatchoxfordshire.co.uk",
         description="The independent champion for people who use health and care "
                     "services in Oxfordshire; volunteers gather views and visit services."),
    dict(key="CHARITY", code=None, name="Shared Voices Patient Network", kind="charity",
         region="national", website="https://example.org/shared-voices",
         description="A patient-led charity that trains and supports patient leaders "
                     "and connects them with NHS bodies."),
    dict(key="X24", code="X24", name="NHS England", kind="nhs-england", region="national",
         website="https://www.england.nhs.uk",
         description="Recruits patient and public voice partners to its national "
                     "programme boards, clinical reference groups and working groups."),
]

# ---------------------------------------------------------------------------- roles

_NHSE_SUPPORT = dict(expenses=True, pay=NHSE_RATE,
                     access=["bsl-interpreter", "easy-read-papers", "step-free-access"])
_ICB_SUPPORT = dict(expenses=True, pay=ICB_RATE,
                    access=["step-free-access", "hearing-loop", "easy-read-papers"])
_TRUST_SUPPORT = dict(expenses=True, pay=TRUST_RATE,
                      access=["step-free-access", "hearing-loop"])
_VOLUNTARY = dict(expenses=True, pay=0, access=["step-free-access"])
_NONE = dict(expenses=False, pay=0, access=[])

# Keyed by the body's "key"; each role is created with that body's own API key.
ROLES = {
    "X24": [
        dict(title="Patient partner, NHS England Diabetes Programme Board", level=4,
             rung="collaborate", type="ppv-partner-programme-board",
             summary="Bring lived experience of type 1 or type 2 diabetes to the board "
                     "that oversees the national diabetes programme, including the Healthier "
                     "You prevention programme and structured education.",
             topics=["diabetes"], expertise=["governance", "lived-experience", "strategy"],
             lived="Living with diabetes, or caring for someone who does.",
             hours=8, months=24, pattern="bi-monthly board meeting in London or online",
             mode="hybrid", place="Wellington House, London", region="national",
             support=_NHSE_SUPPORT, creds=["module-ppv-induction"], places=2, closes=45),
        dict(title="PPV partner, maternity and neonatal programme board", level=4,
             rung="collaborate", type="ppv-partner-programme-board",
             summary="Help steer the three-year delivery plan for maternity and neonatal "
                     "services, holding the programme to account for safety and equity.",
             topics=["maternity", "neonatal-care", "health-inequalities"],
             expertise=["governance", "equality-diversity-inclusion"],
             lived="Recent experience of maternity or neonatal care.",
             hours=10, months=24, pattern="monthly board meeting plus one working group",
             mode="remote", place="", region="national", support=_NHSE_SUPPORT,
             creds=["module-ppv-induction"], places=2, closes=60),
        dict(title="Lay member, Cancer Clinical Reference Group", level=3,
             rung="involve", type="lay-member-quality-committee",
             summary="Join the clinical reference group that advises on specialised "
                     "cancer services, reviewing service specifications and policies.",
             topics=["cancer"], expertise=["lay-reviewing", "lived-experience"],
             lived="Experience of cancer treatment as a patient or carer.",
             hours=6, months=36, pattern="quarterly meetings plus document review",
             mode="remote", place="", region="national", support=_NHSE_SUPPORT,
             creds=["module-ppv-induction"], places=2, closes=75),
        dict(title="Focus group: the NHS App and booking appointments", level=2,
             rung="consult", type="focus-group-participant",
             summary="A 90-minute online discussion about how people book, change and "
                     "cancel hospital appointments through the NHS App.",
             topics=["digital-services", "outpatients"], expertise=["digital"],
             lived="", hours=2, months=0, pattern="one 90-minute online session",
             mode="remote", place="", region="national", support=_NHSE_SUPPORT,
             creds=[], places=10, closes=30),
        dict(title="Survey: experiences of long COVID services", level=1, rung="consult",
             type="survey-respondent",
             summary="Tell us about your experience of long COVID assessment and "
                     "rehabilitation services in a 15-minute online survey.",
             topics=["long-covid"], expertise=["lived-experience"], lived="",
             hours=1, months=0, pattern="15 minutes online", mode="remote", place="",
             region="national", support=_NONE, creds=[], places=100, closes=40),
        dict(title="PPV partner, Learning Disability and Autism Programme", level=4,
             rung="collaborate", type="ppv-partner-programme-board",
             summary="Work alongside the national team on reducing reliance on inpatient "
                     "care for autistic people and people with a learning disability.",
             topics=["learning-disability", "autism"],
             expertise=["lived-experience", "co-production"],
             lived="Being autistic or having a learning disability, or being a family carer.",
             hours=8, months=24, pattern="monthly meeting, easy-read papers",
             mode="hybrid", place="Quarry House, Leeds", region="national",
             support=_NHSE_SUPPORT, creds=["module-ppv-induction"], places=3, closes=90,
             state="draft"),
    ],
    "QOP": [
        dict(title="Lay member, Greater Manchester Quality and Performance Committee",
             level=4, rung="devolve", type="lay-member-icb-board",
             summary="A voting lay member of the ICB committee that assures the quality, "
                     "safety and performance of services commissioned for 2.8 million people.",
             topics=["patient-safety"], expertise=["governance", "finance", "chairing"],
             lived="", hours=16, months=36, pattern="monthly committee, two days a month",
             mode="in-person", place="Manchester", region="north-west",
             support=dict(expenses=True, pay=0, salaried=True, access=["step-free-access"]),
             creds=["dbs-basic"], places=1, closes=50),
        dict(title="People's panel member, Greater Manchester", level=3, rung="involve",
             type="patient-panel-member",
             summary="Join residents from all ten boroughs who meet monthly to advise "
                     "the ICB on its priorities and test its plans.",
             topics=["primary-care", "urgent-care", "health-inequalities"],
             expertise=["community-engagement", "lived-experience"], lived="",
             hours=4, months=12, pattern="one evening meeting a month",
             mode="hybrid", place="Manchester Piccadilly", region="north-west",
             support=_ICB_SUPPORT, creds=[], places=12, closes=35),
        dict(title="Co-design workshop: same-day urgent care in Oldham", level=2,
             rung="involve", type="co-design-workshop-member",
             summary="Help redesign how people in Oldham get seen the same day, from "
                     "NHS 111 to urgent treatment centres.",
             topics=["urgent-care"], expertise=["co-production"], lived="",
             hours=6, months=0, pattern="one Saturday workshop", mode="in-person",
             place="Oldham", region="north-west", support=_ICB_SUPPORT, creds=[],
             places=15, closes=28),
        dict(title="Survey: mental health crisis support in Greater Manchester", level=1,
             rung="consult", type="survey-respondent",
             summary="A short survey on what helped, and what did not, when you or "
                     "someone close to you needed urgent mental health support.",
             topics=["mental-health"], expertise=["lived-experience"], lived="",
             hours=1, months=0, pattern="10 minutes online", mode="remote", place="",
             region="north-west", support=_NONE, creds=[], places=100, closes=60),
    ],
    "QRV": [
        dict(title="Patient partner, North West London Diabetes Transformation Board",
             level=4, rung="collaborate", type="ppv-partner-programme-board",
             summary="Represent patients on the board improving diabetes care across "
                     "eight boroughs, with a focus on South Asian and Black communities.",
             topics=["diabetes", "health-inequalities"],
             expertise=["governance", "community-engagement"],
             lived="Living with or caring for someone with diabetes.",
             hours=6, months=24, pattern="monthly board, online", mode="remote",
             place="", region="london", support=_ICB_SUPPORT,
             creds=["module-ppv-induction"], places=2, closes=42),
        dict(title="Focus group: travelling to hospital for planned operations", level=2,
             rung="consult", type="focus-group-participant",
             summary="Tell us how far you would travel for a quicker planned operation "
                     "at an elective surgical hub, and what would make it possible.",
             topics=["planned-care", "musculoskeletal"], expertise=["lived-experience"],
             lived="Had or waiting for a planned operation.", hours=2, months=0,
             pattern="one 2-hour evening session", mode="in-person",
             place="Central Middlesex Hospital", region="london", support=_ICB_SUPPORT,
             creds=[], places=10, closes=21),
        dict(title="Residents' health network member, Brent", level=3, rung="involve",
             type="patient-panel-member",
             summary="Join the borough's residents' network to shape local services "
                     "and report back to your community.",
             topics=["primary-care", "health-inequalities"],
             expertise=["community-engagement"], lived="", hours=3, months=12,
             pattern="bi-monthly meeting", mode="hybrid", place="Wembley",
             region="london", support=_ICB_SUPPORT, creds=[], places=8, closes=55),
        dict(title="Public meeting: the future of community pharmacy", level=1,
             rung="inform", type="public-meeting-attendee",
             summary="Hear the ICB's plans for pharmacy services and ask questions.",
             topics=["medicines", "primary-care"], expertise=["lived-experience"],
             lived="", hours=2, months=0, pattern="one evening meeting", mode="hybrid",
             place="Hammersmith Town Hall", region="london", support=_NONE, creds=[],
             places=80, closes=20),
    ],
    "QHL": [
        dict(title="Patient participation group network chair", level=3,
             rung="collaborate", type="patient-panel-member",
             summary="Chair the network that brings together PPG members from across "
                     "Birmingham and Solihull's GP practices.",
             topics=["primary-care"], expertise=["chairing", "community-engagement"],
             lived="Member of a GP practice's patient participation group.",
             hours=6, months=24, pattern="quarterly network plus monthly prep",
             mode="hybrid", place="Birmingham", region="midlands",
             support=_ICB_SUPPORT, creds=[], places=1, closes=38),
        dict(title="Community listening volunteer: sickle cell care", level=1,
             rung="consult", type="public-meeting-attendee",
             summary="Help us hear from people living with sickle cell disorder about "
                     "their care in emergency departments.",
             topics=["sickle-cell", "urgent-care", "health-inequalities"],
             expertise=["community-engagement", "listening"],
             lived="Lived experience of sickle cell disorder welcomed.", hours=4,
             months=3, pattern="a few community sessions", mode="in-person",
             place="Birmingham", region="midlands", support=_VOLUNTARY, creds=[],
             places=6, closes=32),
        dict(title="Lay member, Birmingham and Solihull Primary Care Commissioning "
                   "Committee", level=4, rung="devolve", type="lay-member-icb-board",
             summary="A lay member of the committee that commissions GP, dental, "
                     "pharmacy and optometry services.",
             topics=["primary-care", "dental-care"], expertise=["governance", "finance"],
             lived="", hours=12, months=36, pattern="monthly committee plus papers",
             mode="in-person", place="Birmingham", region="midlands",
             support=dict(expenses=True, pay=0, salaried=True, access=["step-free-access"]),
             creds=["dbs-basic"], places=1, closes=70, state="draft"),
    ],
    "QUY": [
        dict(title="Citizens' panel member, Bristol and South Gloucestershire", level=1,
             rung="consult", type="survey-respondent",
             summary="Answer four short surveys a year on local health priorities.",
             topics=["primary-care", "urgent-care"], expertise=["lived-experience"],
             lived="", hours=1, months=12, pattern="four surveys a year", mode="remote",
             place="", region="south-west", support=_NONE, creds=[], places=100,
             closes=80),
        dict(title="Patient partner, Healthier Together mental health programme",
             level=3, rung="collaborate", type="patient-panel-member",
             summary="Work with the programme team on community mental health services "
                     "for adults, from design to evaluation.",
             topics=["mental-health"], expertise=["co-production", "lived-experience"],
             lived="Experience of using community mental health services.", hours=6,
             months=12, pattern="fortnightly working group", mode="hybrid",
             place="Bristol", region="south-west", support=_ICB_SUPPORT, creds=[],
             places=3, closes=46),
        dict(title="Focus group: stroke rehabilitation at home", level=2,
             rung="consult", type="focus-group-participant",
             summary="Share what recovering from a stroke at home has been like, to "
                     "shape the new early supported discharge service.",
             topics=["stroke"], expertise=["lived-experience"],
             lived="Had a stroke, or cared for someone who has.", hours=2, months=0,
             pattern="one 2-hour session", mode="in-person", place="Weston-super-Mare",
             region="south-west", support=_ICB_SUPPORT, creds=[], places=8,
             closes=25),
    ],
    "RTH": [
        dict(title="Lay member, maternity and neonatal safety group", level=3,
             rung="collaborate", type="lay-member-quality-committee",
             summary="Bring the voice of women, birthing people and families to the "
                     "group that reviews maternity incidents and safety actions.",
             topics=["maternity", "neonatal-care", "patient-safety"],
             expertise=["governance", "lived-experience"],
             lived="Gave birth or had a baby in neonatal care in the last five years.",
             hours=6, months=24, pattern="monthly afternoon meeting",
             mode="hybrid", place="John Radcliffe Hospital, Oxford",
             region="south-east", support=_TRUST_SUPPORT, creds=["dbs-enhanced"],
             places=2, closes=40),
        dict(title="Focus group: redesigning the outpatient letters", level=2,
             rung="consult", type="focus-group-participant",
             summary="Help us rewrite the letters we send before outpatient "
                     "appointments so they are clear, short and accessible.",
             topics=["outpatients"], expertise=["plain-english", "lived-experience"],
             lived="", hours=2, months=0, pattern="one 2-hour session",
             mode="hybrid", place="Churchill Hospital, Oxford", region="south-east",
             support=_TRUST_SUPPORT, creds=[], places=10, closes=24),
        dict(title="Patient reader: children's surgery leaflets", level=2,
             rung="consult", type="patient-reader",
             summary="Read and comment on leaflets for children and parents before a "
                     "day-case operation.",
             topics=["children-and-young-people", "planned-care"],
             expertise=["plain-english"], lived="Parent or carer of a child who has "
             "had surgery.", hours=2, months=0, pattern="one review from home",
             mode="remote", place="", region="south-east", support=_TRUST_SUPPORT,
             creds=[], places=6, closes=30),
        dict(title="Patient partner, Oxford Kidney Unit research advisory group",
             level=3, rung="involve", type="peer-reviewer",
             summary="Review research proposals and patient information for kidney "
                     "studies, and help decide which questions matter to patients.",
             topics=["kidney-disease"], expertise=["research", "lay-reviewing"],
             lived="Living with chronic kidney disease, on dialysis or transplanted.",
             hours=4, months=12, pattern="quarterly meetings and reviews",
             mode="remote", place="", region="south-east", support=_TRUST_SUPPORT,
             creds=[], places=4, closes=65),
        dict(title="Patient experience committee lay member", level=3,
             rung="collaborate", type="lay-member-quality-committee",
             summary="Review complaints themes and patient survey results with the "
                     "committee that reports to the trust board.",
             topics=["patient-experience"], expertise=["governance"], lived="",
             hours=4, months=24, pattern="bi-monthly meeting", mode="hybrid",
             place="Oxford", region="south-east", support=_TRUST_SUPPORT,
             creds=["dbs-basic"], places=1, closes=30, state="filled",
             reason="Appointed after interviews."),
    ],
    "RR8": [
        dict(title="Leeds Cancer Centre patient panel member", level=3, rung="involve",
             type="patient-panel-member",
             summary="Advise the cancer centre on service changes, information and "
                     "the experience of treatment.",
             topics=["cancer"], expertise=["lived-experience", "co-production"],
             lived="Treated for cancer, or a carer.", hours=3, months=12,
             pattern="monthly meeting, afternoons", mode="hybrid",
             place="St James's University Hospital, Leeds",
             region="north-east-and-yorkshire", support=_TRUST_SUPPORT, creds=[],
             places=6, closes=44),
        dict(title="Co-design workshop: discharge from hospital for older people",
             level=2, rung="involve", type="co-design-workshop-member",
             summary="Redesign how older people leave hospital, with ward staff and "
                     "social care partners.",
             topics=["frailty", "urgent-care"], expertise=["co-production"],
             lived="Over 75, or caring for someone over 75.", hours=6, months=0,
             pattern="one full-day workshop", mode="in-person",
             place="Leeds General Infirmary", region="north-east-and-yorkshire",
             support=_TRUST_SUPPORT, creds=[], places=12, closes=27),
        dict(title="Lay member, Clinical Ethics Advisory Group", level=3,
             rung="collaborate", type="lay-member-quality-committee",
             summary="Help clinicians think through difficult decisions on treatment "
                     "with a lay perspective.",
             topics=["end-of-life-care"], expertise=["ethics", "lay-reviewing"],
             lived="", hours=4, months=24, pattern="monthly meeting", mode="hybrid",
             place="Leeds", region="north-east-and-yorkshire",
             support=_TRUST_SUPPORT, creds=["dbs-basic"], places=2, closes=58),
        dict(title="Survey: visiting and carers on wards", level=1, rung="consult",
             type="survey-respondent",
             summary="Tell us what helps carers and visitors on our wards.",
             topics=["carers"], expertise=["lived-experience"], lived="",
             hours=1, months=0, pattern="10 minutes", mode="remote", place="",
             region="north-east-and-yorkshire", support=_NONE, creds=[],
             places=100, closes=33, state="draft"),
    ],
    "R0A": [
        dict(title="Youth forum member, Royal Manchester Children's Hospital", level=3,
             rung="involve", type="patient-panel-member",
             summary="Young people aged 11 to 25 who meet monthly to improve the "
                     "hospital for children and young people.",
             topics=["children-and-young-people"], expertise=["lived-experience"],
             lived="Aged 11 to 25 with experience of hospital care.", hours=3,
             months=12, pattern="one Saturday morning a month", mode="in-person",
             place="Royal Manchester Children's Hospital", region="north-west",
             support=dict(expenses=True, pay=0, access=["step-free-access"]),
             creds=[], places=10, closes=48),
        dict(title="Patient partner, hospital quality and safety committee", level=3,
             rung="collaborate", type="lay-member-quality-committee",
             summary="Sit with senior clinicians on the committee that reviews quality "
                     "and safety reports across MFT's hospitals.",
             topics=["patient-safety"], expertise=["governance", "data-analysis"],
             lived="", hours=6, months=24, pattern="monthly meeting, Wednesday mornings",
             mode="hybrid", place="Manchester Royal Infirmary", region="north-west",
             support=_TRUST_SUPPORT, creds=["dbs-basic"], places=1, closes=52),
        dict(title="Focus group: eye clinic waiting times", level=2, rung="consult",
             type="focus-group-participant",
             summary="Share your experience of waiting for and attending the Manchester "
                     "Royal Eye Hospital.",
             topics=["eye-care", "outpatients"], expertise=["lived-experience"],
             lived="", hours=2, months=0, pattern="one 90-minute session",
             mode="in-person", place="Manchester Royal Eye Hospital",
             region="north-west",
             support=dict(expenses=True, pay=TRUST_RATE,
                          access=["large-print", "guide-assistance"]),
             creds=[], places=8, closes=22),
        dict(title="Patient reader: discharge medicines information", level=2,
             rung="consult", type="patient-reader",
             summary="Check that the medicines information given on discharge is "
                     "clear and easy to follow.",
             topics=["medicines"], expertise=["plain-english"], lived="", hours=2,
             months=0, pattern="one document", mode="remote", place="",
             region="north-west", support=_TRUST_SUPPORT, creds=[], places=5,
             closes=31, state="closed", reason="Enough readers for this round."),
    ],
    "RJ1": [
        dict(title="Patient partner, Evelina London maternity voices partnership",
             level=3, rung="collaborate", type="patient-panel-member",
             summary="Work with midwives and obstetricians to improve maternity care "
                     "at St Thomas'.",
             topics=["maternity"], expertise=["co-production", "lived-experience"],
             lived="Recent experience of maternity care.", hours=4, months=12,
             pattern="monthly meeting", mode="hybrid", place="St Thomas' Hospital",
             region="london", support=_TRUST_SUPPORT, creds=[], places=4, closes=36),
        dict(title="Patient reader panel: cardiology information", level=2,
             rung="consult", type="patient-reader",
             summary="Review patient information on heart tests and procedures.",
             topics=["heart-disease"], expertise=["plain-english"], lived="",
             hours=2, months=0, pattern="one review from home", mode="remote",
             place="", region="london", support=_TRUST_SUPPORT, creds=[], places=6,
             closes=29),
        dict(title="Lay member, Research Ethics and Governance Group", level=3,
             rung="collaborate", type="peer-reviewer",
             summary="Review the patient-facing side of research studies at Guy's and "
                     "St Thomas'.",
             topics=["research"], expertise=["research", "lay-reviewing"], lived="",
             hours=6, months=24, pattern="monthly meeting plus reading",
             mode="remote", place="", region="london", support=_TRUST_SUPPORT,
             creds=[], places=2, closes=62),
        dict(title="Co-design workshop: the new renal dialysis unit", level=2,
             rung="involve", type="co-design-workshop-member",
             summary="Help design the layout and day-to-day running of a new satellite "
                     "dialysis unit.",
             topics=["kidney-disease"], expertise=["co-production"],
             lived="Receiving dialysis, or a carer.", hours=6, months=0,
             pattern="two half-day workshops", mode="in-person", place="Guy's Hospital",
             region="london", support=_TRUST_SUPPORT, creds=[], places=10, closes=34),
    ],
    "CQC": [
        dict(title="Expert by Experience: hospital inspections", level=3,
             rung="involve", type="healthwatch-enter-and-view",
             summary="Join CQC inspection teams to talk to patients and carers and "
                     "report what people say about their care.",
             topics=["patient-safety", "patient-experience"],
             expertise=["observation", "report-writing"],
             lived="Experience of using health services, or caring for someone who does.",
             hours=16, months=12, pattern="two inspection days a month",
             mode="in-person", place="Across England", region="national",
             support=dict(expenses=True, pay=1600, access=["step-free-access"]),
             creds=["dbs-enhanced"], places=20, closes=85),
        dict(title="Focus group: how CQC reports are written", level=2,
             rung="consult", type="focus-group-participant",
             summary="Tell us whether our inspection reports answer the questions "
                     "people ask before choosing a service.",
             topics=["patient-experience"], expertise=["plain-english"], lived="",
             hours=2, months=0, pattern="one online session", mode="remote", place="",
             region="national", support=dict(expenses=False, pay=2000, access=[]),
             creds=[], places=10, closes=26),
        dict(title="Public consultation: single assessment framework", level=1,
             rung="consult", type="survey-respondent",
             summary="Respond to CQC's consultation on how it assesses services.",
             topics=["regulation"], expertise=["lived-experience"], lived="",
             hours=1, months=0, pattern="online response", mode="remote", place="",
             region="national", support=_NONE, creds=[], places=100, closes=55),
    ],
    "NICE": [
        dict(title="Lay member, guideline committee: chronic pain", level=3,
             rung="collaborate", type="peer-reviewer",
             summary="A full member of the committee writing NICE's guideline on "
                     "assessing and managing chronic pain.",
             topics=["chronic-pain"], expertise=["lay-reviewing", "lived-experience"],
             lived="Living with chronic pain, or caring for someone who does.",
             hours=8, months=24, pattern="one day a month in Manchester or London",
             mode="hybrid", place="NICE, Manchester", region="national",
             support=dict(expenses=True, pay=2250, access=["step-free-access"]),
             creds=[], places=2, closes=49),
        dict(title="Lay member, quality standards advisory committee", level=4,
             rung="collaborate", type="ppv-partner-programme-board",
             summary="Decide, with professionals, the priorities in NICE quality "
                     "standards across health and social care.",
             topics=["quality-standards"], expertise=["governance", "lay-reviewing"],
             lived="", hours=8, months=36, pattern="one day a month",
             mode="hybrid", place="NICE, London", region="national",
             support=dict(expenses=True, pay=2250, access=["step-free-access"]),
             creds=[], places=2, closes=66),
        dict(title="Patient expert: technology appraisal of a dementia medicine", level=2,
             rung="consult", type="focus-group-participant",
             summary="Give evidence as a patient expert at one appraisal committee "
                     "meeting.",
             topics=["dementia", "medicines"], expertise=["lived-experience"],
             lived="Caring for someone living with early Alzheimer's disease.",
             hours=6, months=0, pattern="one committee meeting plus preparation",
             mode="remote", place="", region="national",
             support=dict(expenses=True, pay=2250, access=[]), creds=[], places=2,
             closes=23),
    ],
    "ACADEMY": [
        dict(title="Patient leader, programme design group", level=3,
             rung="collaborate", type="patient-panel-member",
             summary="Co-design the Academy's leadership programmes so they teach "
                     "staff to share power with patients.",
             topics=["leadership"], expertise=["co-production", "education"], lived="",
             hours=4, months=12, pattern="monthly online meeting", mode="remote",
             place="", region="national",
             support=dict(expenses=True, pay=NHSE_RATE, access=["bsl-interpreter"]),
             creds=["module-ppv-induction"], places=4, closes=57),
        dict(title="Lay assessor, Elizabeth Garrett Anderson programme", level=4,
             rung="collaborate", type="ppv-partner-programme-board",
             summary="Assess participants' work on an NHS senior leadership programme "
                     "with a patient's eye.",
             topics=["leadership"], expertise=["assessment", "lay-reviewing"], lived="",
             hours=6, months=12, pattern="assessment rounds twice a year",
             mode="remote", place="", region="national",
             support=dict(expenses=True, pay=NHSE_RATE, access=[]),
             creds=["module-ppv-induction"], places=3, closes=110, state="draft"),
    ],
    "HWOX": [
        dict(title="Enter and View authorised representative", level=3,
             rung="involve", type="healthwatch-enter-and-view",
             summary="Visit care homes and hospital wards with trained colleagues and "
                     "write up what residents, patients and staff tell you.",
             topics=["social-care", "patient-experience"],
             expertise=["observation", "report-writing"], lived="", hours=8,
             months=12, pattern="about two visits a month", mode="in-person",
             place="Oxfordshire", region="south-east", support=_VOLUNTARY,
             creds=["dbs-enhanced"], places=6, closes=90),
        dict(title="Community listening volunteer", level=1, rung="consult",
             type="healthwatch-community-volunteer",
             summary="Talk to people at markets, libraries and community events about "
                     "their health and care.",
             topics=["primary-care", "social-care"],
             expertise=["community-engagement", "listening"], lived="", hours=4,
             months=6, pattern="flexible, a few hours a month", mode="in-person",
             place="Oxford and Banbury", region="south-east", support=_VOLUNTARY,
             creds=[], places=15, closes=100),
        dict(title="Readers' panel volunteer", level=2, rung="consult",
             type="patient-reader",
             summary="Check Healthwatch reports and NHS leaflets for plain English.",
             topics=["patient-experience"], expertise=["plain-english"], lived="",
             hours=2, months=6, pattern="from home, as documents arrive",
             mode="remote", place="", region="south-east", support=_VOLUNTARY,
             creds=[], places=10, closes=95),
    ],
    "CHARITY": [
        dict(title="Peer mentor for new patient leaders", level=3, rung="involve",
             type="patient-panel-member",
             summary="Support two people starting out as patient leaders through "
                     "their first year, with monthly conversations.",
             topics=["leadership"], expertise=["peer-support", "mentoring"],
             lived="At least two years in patient leadership roles.", hours=3,
             months=12, pattern="a monthly call with each mentee", mode="remote",
             place="", region="national", support=dict(expenses=True, pay=1500,
                                                         access=[]),
             creds=["module-ppv-induction"], places=8, closes=72),
        dict(title="Workshop: getting started as a patient leader", level=2,
             rung="inform", type="co-design-workshop-member",
             summary="A free half-day introduction to patient leadership: what the "
                     "roles are, what to expect and how to apply.",
             topics=["leadership"], expertise=["lived-experience"], lived="",
             hours=4, months=0, pattern="one half-day online", mode="remote",
             place="", region="national", support=_NONE, creds=[], places=30,
             closes=18),
    ],
}

# ---------------------------------------------------------------------------- avenues

AVENUES = {
    "X24": [
        dict(kind="other", title="Patient and public voice partners bank", level=4,
             how="https://www.england.nhs.uk/get-involved/",
             description="Register interest to be told about new national PPV partner "
                         "roles as they are advertised.",
             hours=0, pattern="as roles arise", expertise=["lived-experience"],
             mode="remote", place="", region="national"),
    ],
    "QOP": [
        dict(kind="patient-panel", title="Greater Manchester people's panel", level=3,
             how="involvement@gmintegratedcare.org.uk",
             description="Residents from all ten boroughs who advise the ICB through "
                         "the year.", hours=4, pattern="monthly",
             expertise=["community-engagement"], mode="hybrid", place="Manchester",
             region="north-west"),
        dict(kind="lay-member-committee", title="Lay members of ICB committees", level=4,
             how="https://gmintegratedcare.org.uk/get-involved",
             description="Lay and independent members are recruited to the ICB's "
                         "statutory committees as places fall vacant.", hours=16,
             pattern="monthly committees", expertise=["governance"], mode="in-person",
             place="Manchester", region="north-west"),
    ],
    "QHL": [
        dict(kind="patient-participation-group",
             title="Join your GP practice's patient participation group", level=3,
             how="https://www.birminghamsolihull.icb.nhs.uk/get-involved",
             description="Every GP practice has a PPG; the ICB's network links them.",
             hours=2, pattern="quarterly meetings at your practice",
             expertise=["lived-experience"], mode="in-person", place="Your GP practice",
             region="midlands"),
    ],
    "RTH": [
        dict(kind="reader-panel", title="OUH patient information reader panel", level=2,
             how="patient.information@ouh.nhs.uk",
             description="Readers review new and updated leaflets from home.",
             hours=2, pattern="as leaflets arrive", expertise=["plain-english"],
             mode="remote", place="", region="south-east"),
        dict(kind="patient-panel", title="OUH patient partners' network", level=3,
             how="https://www.ouh.nhs.uk/get-involved",
             description="Patient partners who work with teams across the trust.",
             hours=4, pattern="monthly", expertise=["co-production"], mode="hybrid",
             place="Oxford", region="south-east"),
    ],
    "RR8": [
        dict(kind="patient-panel", title="Leeds Teaching Hospitals patient panel",
             level=3, how="https://www.leedsth.nhs.uk/get-involved",
             description="Meets monthly to advise on services across the trust.",
             hours=3, pattern="monthly", expertise=["lived-experience"],
             mode="hybrid", place="Leeds", region="north-east-and-yorkshire"),
    ],
    "RJ1": [
        dict(kind="reader-panel", title="Guy's and St Thomas' reader panel", level=2,
             how="patientinformation@gstt.nhs.uk",
             description="Review patient information for clarity.", hours=2,
             pattern="as documents arrive", expertise=["plain-english"],
             mode="remote", place="", region="london"),
    ],
    "NICE": [
        dict(kind="lay-member-committee", title="NICE lay member recruitment", level=3,
             how="https://www.nice.org.uk/get-involved",
             description="Lay places on guideline and advisory committees are "
                         "advertised throughout the year.", hours=8,
             pattern="monthly committee days", expertise=["lay-reviewing"],
             mode="hybrid", place="Manchester or London", region="national"),
    ],
    "HWOX": [
        dict(kind="healthwatch-volunteering", title="Volunteer with Healthwatch Oxfordshire",
             level=1, how="https://healthwatchoxfordshire.co.uk/volunteer",
             description="Community listening, Enter and View, readers' panel and "
                         "office volunteering.", hours=4, pattern="flexible",
             expertise=["community-engagement"], mode="in-person",
             place="Oxfordshire", region="south-east"),
    ],
}
