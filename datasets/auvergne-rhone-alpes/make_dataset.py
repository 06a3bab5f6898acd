#!/usr/bin/env python3
"""Build the Auvergne-Rhône-Alpes inter-pole dataset (nodes.csv, edges.csv beside this file).

Deterministic (fixed random seed), Python 3 standard library only. The Centre Isère pole is
copied from ../centre-isere so that ids agree. Everything named "(fictional)" is invented; the
`provenance` column of every row says whether it comes from a source or is illustrative.
Run:  python3 make_dataset.py
"""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CI = HERE.parent / "centre-isere"
R = "Auvergne-Rhône-Alpes"
ILL = "illustrative"
S1 = "seeds/001_c53aff621acbba4c.txt"
S3 = "seeds/003_6d85ed3f1d07f6fc.txt"
RD = "realdata/ptce/ptce_named_structures.csv"
ALPEN_URL = "https://lelabo-ess.org/pole-alpen-un-ptce-pour-faire-face-a-la-precarite-energetique"
NODE_COLS = ["id", "type", "name", "category", "sector", "ess", "territory", "region", "siren",
             "employees", "budget", "own_revenue", "founded", "status", "start", "end",
             "status_history", "provenance", "note"]
EDGE_COLS = ["source", "target", "type", "role", "since", "until", "amount", "start", "end",
             "purpose", "programme", "kind", "weight", "provenance"]

rng = random.Random(20240415)
nodes, edges, index = [], [], {}


def N(id, type, name, **kw):
    assert id not in index, id
    row = dict(id=id, type=type, name=name, **kw)
    nodes.append(row)
    index[id] = row
    return id


def E(s, t, type, **kw):
    edges.append(dict(source=s, target=t, type=type, **kw))


def F(s, t, amount, start, end, purpose, programme="", prov=ILL):
    E(s, t, "funds", amount=amount, start=start, end=end, purpose=purpose, programme=programme,
      provenance=prov)


def C(a, b, kind, since, weight=1, prov=ILL):
    E(a, b, "cooperates_with", kind=kind, since=since, weight=weight, provenance=prov)


# ---------------------------------------------------------------- Centre Isère, copied as is
with open(CI / "nodes.csv", encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        nodes.append(row)
        index[row["id"]] = row
with open(CI / "edges.csv", encoding="utf-8", newline="") as f:
    edges.extend(csv.DictReader(f))

# ---------------------------------------------------------------- shared funders
N("col-eu-feader", "collectivity", "Union européenne – FEADER (programmes LEADER hors Centre Isère)",
  category="eu", region=R, provenance=ILL, note="Stands for the LEADER programmes of other territories")
N("col-eu-fse", "collectivity", "Union européenne – Fonds social européen (FSE)", category="eu",
  region=R, provenance=ILL)
N("fund-cdc", "funder", "Caisse des Dépôts (Banque des Territoires)", category="public",
  provenance="source:realdata/ptce/ptce_calls_facts.csv (co-funder of the 2013 and 2015 calls); ties illustrative")
N("fund-france-active-aura", "funder", "France Active Auvergne-Rhône-Alpes", category="private",
  region=R, ess="true", provenance=ILL)
N("fund-fondation-territoires", "funder", "Fondation des Territoires Solidaires (fictional)",
  category="foundation", provenance=ILL)
N("fund-fondation-rhone-energie", "funder", "Fondation d'entreprise Rhône-Énergie (fictional)",
  category="foundation", provenance=ILL)
N("fund-banque-alpes-rhone", "funder", "Banque coopérative Alpes-Rhône (fictional)", category="bank",
  provenance=ILL)

# ---------------------------------------------------------------- fictional organisation names
PLACES = ["de Valbrune", "du Pré-Haut", "des Combes Vives", "de Roche-Claire", "du Grand Essart",
          "de la Sapinière", "des Quatre Vents", "de Fontbelle", "du Mont Ardan", "de Clairvaux-le-Bas",
          "des Hautes Chaumes", "de Pierrefeuille", "du Val Doré", "de Brumeval", "des Trois Sources",
          "de Montgrisel", "du Chêne Vert", "de Lavandière", "des Aulnes", "de Sainte-Orlane",
          "du Bois Joli", "de Marcillou", "des Genêts", "de Vireloup", "du Pontet-Sec",
          "de Rivebelle", "des Prés Fleuris", "de Combeloup", "du Col Bleu", "de Belair-sur-Fictive"]
STEMS = {
    "environment": [("association", "Association Nature"), ("insertion", "Chantier Espaces naturels"),
                    ("company", "Bureau d'études Écologie")],
    "local-food": [("cooperative", "Coopérative paysanne"), ("association", "Épicerie solidaire"),
                   ("company", "Boulangerie"), ("insertion", "Jardins d'insertion")],
    "reuse": [("insertion", "Recyclerie"), ("association", "Repair café"), ("cooperative", "Scic Réemploi")],
    "personal-care": [("association", "Aide à domicile"), ("insertion", "Services à la personne"),
                      ("mutual", "Mutuelle")],
    "services": [("cooperative", "Coopérative d'activités"), ("company", "Cabinet conseil"),
                 ("association", "Conciergerie solidaire")],
    "eco-construction": [("cooperative", "Scop Écobâti"), ("company", "Menuiserie"),
                         ("insertion", "Chantier Bâti")],
    "energy": [("cooperative", "Énergies citoyennes"), ("company", "Électricité")],
    "culture": [("association", "Compagnie"), ("cooperative", "Scic Culture"),
                ("association", "Cinéma associatif")],
    "textile": [("company", "Filature"), ("insertion", "Atelier couture"), ("cooperative", "Scop Laines")],
    "mobility": [("association", "Garage solidaire"), ("company", "Transports")],
    "training": [("training", "Centre de formation"), ("research", "Laboratoire")],
    "insertion": [("insertion", "Entreprise d'insertion"), ("insertion", "Association intermédiaire")],
}
used_names = {r["name"] for r in nodes}


def fict_org(pid, n, sector, territory, category=None, employees=None):
    options = STEMS[sector]
    if category:
        options = [o for o in options if o[0] == category] or options
    cat, stem = rng.choice(options)
    for _ in range(200):
        name = f"{stem} {rng.choice(PLACES)} (fictional)"
        if name not in used_names:
            break
    used_names.add(name)
    ess = "false" if cat == "company" else "true"
    emp = employees if employees is not None else max(1, round(rng.lognormvariate(2.3, 0.8)))
    if cat == "company":
        emp = max(emp, 3)
    budget = round(emp * rng.uniform(35000, 60000), -3)
    share = 0.95 if cat == "company" else rng.uniform(0.25, 0.8)
    return N(f"org-{pid}-{n:02d}", "organisation", name, category=cat, sector=sector, ess=ess,
             territory=territory, region=R, employees=emp, budget=int(budget),
             own_revenue=int(round(budget * share, -3)), founded=rng.randint(1975, 2016),
             provenance=ILL)


def fict_col(id, name, category, territory):
    return N(id, "collectivity", name, category=category, territory=territory, region=R, provenance=ILL)


# ---------------------------------------------------------------- brokers (fictional, several poles)
BROKERS = {
    "org-alpes-coop-conseil": ("Alpes Coop Conseil (fictional)", "cooperative", "services", "Isère", 7),
    "org-institut-rhodanien": ("Institut rhodanien de formation solidaire (fictional)", "training", "training", "Drôme", 18),
    "org-ecobati-deux-lacs": ("Scop Écobâti des Deux Lacs (fictional)", "cooperative", "eco-construction", "Savoie", 14),
    "org-ressourcerie-val-argent": ("Ressourcerie du Val d'Argent (fictional)", "insertion", "reuse", "Allier", 21),
    "org-filature-haut-plateau": ("Filature du Haut-Plateau (fictional)", "company", "textile", "Haute-Loire", 12),
    "org-fabrique-commune": ("Tiers-lieu La Fabrique Commune (fictional)", "association", "culture", "Drôme", 5),
}
for bid, (name, cat, sec, terr, emp) in BROKERS.items():
    bud = emp * 48000
    N(bid, "organisation", name, category=cat, sector=sec, ess="false" if cat == "company" else "true",
      territory=terr, region=R, employees=emp, budget=bud,
      own_revenue=int(bud * (0.95 if cat == "company" else 0.6)), founded=2005, provenance=ILL,
      note="Planted broker: member of two or more poles")

# ---------------------------------------------------------------- poles
# key: (id, name, territory, founded, status, provenance, note, sectors, n_fictional, brokers)
POLES = [
    ("sud-archer", "Pôle Sud Archer", "Romans-sur-Isère (Drôme)", 2007, "active",
     f"source:{RD}; {S1}; {S3}", "Carried by Groupe Archer; founded 2007 with the local committee of the CRESS Rhône-Alpes; status as last documented",
     ["insertion", "services", "textile", "personal-care", "culture", "reuse"], 9,
     ["org-institut-rhodanien", "org-fabrique-commune"]),
    ("alveole", "PTCE ESS et éco-construction (Alvéole)", "Haute-Savoie", None, "active",
     f"source:{S3}", "Carried by Alvéole; visited by the learning community on 20 November 2013; status as last documented (2013)",
     ["eco-construction", "energy", "training", "reuse"], 8, ["org-ecobati-deux-lacs"]),
    ("royans-vercors", "Royans-Vercors – La Place des Possibles", "Royans-Vercors", None, "active",
     f"source:{RD} (AMI 2021 laureate, 100 kEUR)", "Status as last documented (2021)",
     ["local-food", "culture", "environment", "services"], 6,
     ["org-alpes-coop-conseil", "org-institut-rhodanien", "org-fabrique-commune"]),
    ("turfu", "PTCE Turfu Productions en Val d'Allier", "Val d'Allier", None, "active",
     f"source:{RD} (AMI 2021 laureate, 100 kEUR)", "Sectors of members illustrative; status as last documented (2021)",
     ["culture", "reuse", "local-food", "textile"], 7,
     ["org-ressourcerie-val-argent", "org-filature-haut-plateau"]),
    ("peccs", "PECCS – Pôle d'Économie Circulaire en Cœur de Savoie", "Cœur de Savoie (Savoie)", None, "active",
     f"source:{RD} (AMI 2023 laureate, 100 kEUR; partners: local firms, CC Cœur de Savoie, a teaching/research centre, CCI)",
     "Status as last documented (2023)", ["reuse", "eco-construction", "environment"], 5,
     ["org-ecobati-deux-lacs"]),
    ("laine-saugues", "Pôle Laine du Pays de Saugues", "Pays de Saugues (Haute-Loire)", None, "active",
     f"source:{RD} (AMI 2023 laureate, 100 kEUR); {S1} (Pôle Laine, wool washing, 'made in Gevaudan')",
     "Status as last documented (2023)", ["textile", "local-food", "insertion"], 7,
     ["org-filature-haut-plateau"]),
    ("dombinnov", "Domb'Innov", "Dombes (Ain)", None, "active",
     f"source:{S1} ('Incubation made in Domb'Innov', start-up de territoire)",
     "Territory inferred from the name; status as last documented (2018)",
     ["services", "local-food", "environment", "mobility"], 9, []),
    ("confluences", "Pôle Confluences Solidaires (fictional)", "Métropole de Lyon", 2013, "active", ILL,
     "Fictional metropolitan pole", ["services", "reuse", "mobility", "culture", "local-food"], 12,
     ["org-institut-rhodanien"]),
    ("volcans", "Pôle Volcans Coopératifs (fictional)", "Clermont-Ferrand (Puy-de-Dôme)", 2015, "active", ILL,
     "Planted: depends on one funder (Région)", ["reuse", "local-food", "services", "insertion"], 9,
     ["org-ressourcerie-val-argent"]),
    ("tarentaise", "Pôle Tarentaise Solidaire (fictional)", "Albertville (Savoie)", 2016, "active", ILL,
     "Planted: star around its animator", ["services", "personal-care", "reuse", "local-food", "mobility"], 8, []),
    ("gorges", "Pôle coopératif des Gorges (fictional)", "Ardèche méridionale", 2013, "inactive", ILL,
     "Planted: funding stops after 2018, inactive", ["local-food", "environment", "culture", "reuse"], 9, []),
    ("baronnies", "Pôle solidaire des Baronnies (fictional)", "Nyons (Drôme)", 2015, "standby", ILL,
     "Planted: standby since 2020", ["local-food", "culture", "personal-care"], 7, ["org-fabrique-commune"]),
    ("haut-bugey", "Pôle Haut-Bugey Coopère (fictional)", "Haut-Bugey (Ain)", 2014, "inactive", ILL,
     "Planted: inactive since 2018", ["reuse", "mobility", "insertion"], 7, []),
]
HIST = {"gorges": "2013-2018 active; 2019- inactive", "baronnies": "2015-2019 active; 2020- standby",
        "haut-bugey": "2014-2017 active; 2018- inactive"}
members = {"esci": [e["source"] for e in edges if e["type"] == "member_of" and e["target"] == "pole-esci"
                    and index[e["source"]]["type"] == "organisation"]}
animator = {"esci": "org-adequation", "alpen": "org-groupe-ulisse"}
pole_sectors = {}
for key, name, terr, founded, status, prov, note, sectors, n, brokers in POLES:
    pid = f"pole-{key}"
    emp = rng.choice([1, 2, 2, 2, 3])
    bud = int(round(rng.uniform(90000, 220000), -3))
    N(pid, "pole", name, ess="true", territory=terr, region=R, founded=founded, status=status,
      employees=emp, budget=bud, own_revenue=int(round(bud * rng.uniform(0.15, 0.45), -3)),
      status_history=HIST.get(key), provenance=prov + ("" if prov == ILL else "; employees/budget illustrative"),
      note=note)
    pole_sectors[key] = sectors
# Alp'En pole already comes from centre-isere
pole_sectors["alpen"] = ["energy", "eco-construction", "insertion"]

# real carrying structures / animators
N("org-groupe-archer", "organisation", "Groupe Archer", category="insertion", sector="insertion", ess="true",
  territory="Romans-sur-Isère (Drôme)", region=R, provenance=f"source:{RD}",
  note="Group of 5 entities born from the association Archer (1980s)")
N("org-alveole", "organisation", "Alvéole", category="association", sector="eco-construction", ess="true",
  territory="Haute-Savoie", region=R, provenance=f"source:{S3}", note="Carries the PTCE ESS et éco-construction; legal form not stated")
N("org-groupe-ulisse", "organisation", "Groupe Ulisse", category="insertion", sector="insertion", ess="true",
  territory="Grenoble (Isère)", region=R, provenance=f"source:{ALPEN_URL}")
for cid, cname in [("org-schneider-electric", "Schneider Electric"), ("org-domtherm", "Domtherm"),
                   ("org-verelec", "Verelec")]:
    N(cid, "organisation", cname, category="company", sector="energy", ess="false", region=R,
      territory="Isère", provenance=f"source:{ALPEN_URL} (member of Pôle Alpen)")
    E(cid, "pole-alpen", "member_of", role="partner", provenance=f"source:{ALPEN_URL}")
N("org-coorace", "organisation", "COORACE (fédération)", category="network", sector="insertion", ess="true",
  provenance=f"source:{S3}")
N("org-cci-savoie", "organisation", "Chambre de commerce et d'industrie (CCI) – Savoie", category="network",
  sector="services", ess="false", territory="Savoie", region=R,
  provenance=f"source:{RD} (a CCI is named among PECCS partners; 'Savoie' inferred)")
N("col-cc-coeur-de-savoie", "collectivity", "Communauté de communes Cœur de Savoie", category="epci",
  territory="Cœur de Savoie (Savoie)", region=R, provenance=f"source:{RD}")
N("col-ville-grenoble", "collectivity", "Ville de Grenoble", category="commune", territory="Grenoble (Isère)",
  region=R, provenance=f"source:{ALPEN_URL}")

E("org-groupe-archer", "pole-sud-archer", "member_of", role="founder", since=2007, provenance=f"source:{RD}")
E("org-groupe-archer", "pole-sud-archer", "animates", since=2007, provenance=f"source:{RD}")
E("org-alveole", "pole-alveole", "member_of", role="founder", provenance=f"source:{S3}")
E("org-alveole", "pole-alveole", "animates", provenance=f"source:{S3}")
E("org-groupe-ulisse", "pole-alpen", "member_of", role="founder", since=2014, provenance=f"source:{ALPEN_URL}")
E("org-groupe-ulisse", "pole-alpen", "animates", since=2014, provenance=f"source:{ALPEN_URL}")
E("org-cci-savoie", "pole-peccs", "member_of", role="partner", provenance=f"source:{RD}")
E("col-cc-coeur-de-savoie", "pole-peccs", "member_of", role="partner", provenance=f"source:{RD}")
animator.update({"sud-archer": "org-groupe-archer", "alveole": "org-alveole"})
members.update({"sud-archer": [], "alveole": [], "alpen": ["org-schneider-electric", "org-domtherm", "org-verelec"]})

# fictional members of every pole (and fictional animators where the source names none)
POLE_TERR = {k: t for k, _, t, *_ in POLES}
POLE_TERR["alpen"] = "Grenoble (Isère)"
SINCE = {k: (f or 2014) for k, _, _, f, *_ in POLES}
SINCE["alpen"] = 2014
plan = [(p[0], p[7], p[8], p[9]) for p in POLES] + [("alpen", pole_sectors["alpen"], 4, ["org-alpes-coop-conseil"])]
for key, sectors, n, brokers in plan:
    pid = f"pole-{key}"
    mem = members.setdefault(key, [])
    if key not in animator:
        sec = "services" if key != "tarentaise" else "insertion"
        a = fict_org(key, 0, sec, POLE_TERR[key], category="cooperative" if sec == "services" else "insertion",
                     employees=rng.randint(4, 12))
        index[a]["note"] = "Fictional animator of the pole"
        animator[key] = a
        E(a, pid, "member_of", role="founder", since=SINCE[key], provenance=ILL)
        E(a, pid, "animates", since=SINCE[key], provenance=ILL)
    # a teaching/research centre and local firms for PECCS (kinds named in the source, names fictional)
    forced = {"peccs": [("training", "research"), ("eco-construction", "company"), ("reuse", "company"),
                        ("environment", "company")],
              "confluences": [("services", "company"), ("mobility", "company"), ("reuse", "company")]}.get(key, [])
    for i in range(1, n + 1):
        if i <= len(forced):
            sec, cat = forced[i - 1]
        else:
            sec, cat = rng.choice(sectors), None
        o = fict_org(key, i, sec, POLE_TERR[key], category=cat)
        founder = i <= 2 and key not in ("peccs",)
        E(o, pid, "member_of", role="founder" if founder else ("partner" if index[o]["ess"] == "false" else "member"),
          since=SINCE[key] if founder else SINCE[key] + rng.randint(0, 3), provenance=ILL)
        mem.append(o)
    for b in brokers:
        E(b, pid, "member_of", role="member", since=SINCE[key] + rng.randint(1, 4), provenance=ILL)
        mem.append(b)
# a Centre Isère member also in Pôle Alp'En (energy; Soleni) and a broker in ESCI
E("org-energies-oranne", "pole-alpen", "member_of", role="member", since=2016, provenance=ILL)
members["alpen"].append("org-energies-oranne")
E("org-alpes-coop-conseil", "pole-esci", "member_of", role="member", since=2021, provenance=ILL)
members["esci"].append("org-alpes-coop-conseil")

# ---------------------------------------------------------------- planted cases (fixed choices)
ISOLATED = ["org-imprimerie-vercelli", "org-mutuelle-orlane",           # from centre-isere
            members["confluences"][11], members["sud-archer"][8], members["peccs"][4], members["volcans"][8]]
PERIPHERAL_ONE_TIE = [members["confluences"][10], members["sud-archer"][7], members["dombinnov"][8]]
PERIPHERAL_ANIMATOR_ONLY = [members["volcans"][7], members["gorges"][8]]
STAR = "tarentaise"
protected = set(ISOLATED) | set(PERIPHERAL_ONE_TIE) | set(PERIPHERAL_ANIMATOR_ONLY) | set(members[STAR])
for iso in ISOLATED[2:]:
    index[iso]["note"] = "Planted: isolated member (no cooperation, no shared project)"

def is_fictional(node_id):
    return index[node_id]["name"].endswith("(fictional)")


KINDS = ["joint-offer", "subcontracting", "shared-premises", "shared-staff", "supply", "material-reuse", "training"]
seen = {tuple(sorted((e["source"], e["target"]))) for e in edges if e["type"] == "cooperates_with"}


def tie(a, b, since):
    key = tuple(sorted((a, b)))
    if a == b or key in seen:
        return False
    seen.add(key)
    C(a, b, rng.choice(KINDS), since, rng.choice([1, 1, 1, 2, 2, 3]))
    return True


for key, _, _, _ in plan:
    if key == STAR:
        continue
    pool = [m for m in members[key] if m not in protected and is_fictional(m)]
    an = animator[key]
    base = SINCE[key]
    for m in pool:                                   # everybody tied to somebody
        tie(m, an if rng.random() < 0.4 else rng.choice(pool), base + rng.randint(1, 5))
    for _ in range(len(pool)):                       # extra density
        a, b = rng.sample(pool + [an], 2)
        tie(a, b, base + rng.randint(1, 6))
for key in ("confluences", "sud-archer", "dombinnov"):
    m = [x for x in PERIPHERAL_ONE_TIE if x in members[key]][0]
    other = [x for x in members[key] if x not in protected and is_fictional(x)][0]
    tie(m, other, SINCE[key] + 3)
for m in PERIPHERAL_ANIMATOR_ONLY:
    key = "volcans" if m in members["volcans"] else "gorges"
    tie(m, animator[key], SINCE[key] + 2)
for m in members[STAR]:                               # star: only ties go to the animator
    tie(m, animator[STAR], SINCE[STAR] + rng.randint(0, 3))
# ESS organisations cooperating with conventional companies (planted, beyond random ones)
def ess_company_pair(key):
    pool = [m for m in members[key] if m not in protected and is_fictional(m)]
    comp = [m for m in pool if index[m]["ess"] == "false"]
    ess = [m for m in pool if index[m]["ess"] == "true"]
    for c in comp:
        for e in ess:
            if tuple(sorted((c, e))) not in seen:
                return e, c
    return None


ESS_COMPANY = [p for p in (ess_company_pair(k) for k in ("confluences", "peccs", "dombinnov", "gorges")) if p]
for a, b in ESS_COMPANY:
    tie(a, b, 2017)
# broker ties across poles
tie("org-ressourcerie-val-argent", "org-filature-haut-plateau", 2019)
tie("org-institut-rhodanien", "org-fabrique-commune", 2018)

# ---------------------------------------------------------------- projects
PROJECT_WORDS = {
    "environment": "Gestion partagée des espaces naturels", "local-food": "Plateforme circuits courts",
    "reuse": "Filière réemploi", "personal-care": "Services aux personnes âgées isolées",
    "services": "Conciergerie de territoire", "eco-construction": "Chantiers de rénovation énergétique",
    "energy": "Diagnostics énergie", "culture": "Production culturelle partagée", "textile": "Filière laine locale",
    "mobility": "Garage et mobilité solidaire", "training": "Plateforme de formation", "insertion": "Parcours d'insertion mutualisés",
}
projects = {}


def project(pid, key, name, sector, start, end, participants, prov=ILL, part_of=True, note=None):
    N(pid, "project", name, sector=sector, territory=POLE_TERR.get(key, ""), region=R, start=start, end=end,
      provenance=prov, note=note)
    if part_of:
        E(pid, f"pole-{key}", "part_of", provenance=prov)
    for i, p in enumerate(participants):
        E(p, pid, "participates_in", role="lead" if i == 0 else "partner", provenance=prov if p.startswith("pole-") else ILL)
    projects.setdefault(key, []).append(pid)


for key, sectors, _, _ in plan:
    if key == STAR:
        continue
    pool = [m for m in members[key] if m not in protected and is_fictional(m)]
    nproj = 3 if len(pool) > 5 else 2
    for j in range(nproj):
        sec = sectors[j % len(sectors)]
        same = [m for m in pool if index[m]["sector"] == sec]
        lead = same[0] if same else animator[key]
        others = [m for m in pool if m != lead]
        parts = [lead] + rng.sample(others, min(len(others), rng.randint(1, 3)))
        if j == 0 and animator[key] not in parts:
            parts.append(animator[key])
        start = SINCE[key] + 1 + j
        end = start + rng.randint(2, 4) if key in ("gorges", "haut-bugey", "baronnies") else None
        if key == "gorges":
            end = min(end, 2018)
        if key == "haut-bugey":
            end = min(end, 2017)
        project(f"proj-{key}-{j + 1}", key, f"{PROJECT_WORDS[sec]} – {index['pole-' + key]['name'].split(' (')[0]} (fictional)",
                sec, start, end, parts)
# star pole: each project = animator + one member
for j, m in enumerate(members[STAR][:2]):
    project(f"proj-{STAR}-{j + 1}", STAR, f"{PROJECT_WORDS[index[m]['sector']]} – Pôle Tarentaise Solidaire (fictional)",
            index[m]["sector"], 2017 + j, None, [animator[STAR], m])
# peripheral "animator only": their one project is with the animator only
project("proj-volcans-epicerie", "volcans", "Épicerie mobile – Pôle Volcans Coopératifs (fictional)", "local-food", 2019, None,
        [animator["volcans"], PERIPHERAL_ANIMATOR_ONLY[0]])

# projects documented in the sources
project("proj-startup-territoire-archer", "sud-archer", "Start'up de territoire (Romans-sur-Isère)", "services",
        None, None, ["pole-sud-archer", "org-groupe-archer"], prov=f"source:{S1}",
        note="Followed by GAIA, Pôle Laine, ESCI, Domb'Innov and Alp'En (seeds/001)")
project("proj-startup-territoire-laine", "laine-saugues", "Start'up de territoire (Pays de Saugues)", "services",
        None, None, ["pole-laine-saugues"], prov=f"source:{S1}")
project("proj-startup-territoire-dombinnov", "dombinnov", "Start'up de territoire (Dombes)", "services",
        None, None, ["pole-dombinnov"], prov=f"source:{S1}")
project("proj-startup-territoire-alpen", "alpen", "Start'up de territoire (Alp'En)", "services",
        None, None, ["pole-alpen"], prov=f"source:{S1}")
for t in ["proj-startup-territoire-esci", "proj-startup-territoire-laine", "proj-startup-territoire-dombinnov",
          "proj-startup-territoire-alpen"]:
    E("proj-startup-territoire-archer", t, "spins_off", provenance=f"source:{S1} ('à la suite d'Archer')")
project("proj-alpen-hebergement-grenoble", "alpen", "Cellules d'hébergement en paille et terre (Grenoble)",
        "eco-construction", None, None,
        ["org-groupe-ulisse", "org-schneider-electric", "org-domtherm", "org-verelec", "col-ville-grenoble"],
        prov=f"source:{ALPEN_URL}")
for e in edges[-5:]:
    e["provenance"] = f"source:{ALPEN_URL}"
project("proj-communaute-renouveau-productif", "sud-archer",
        "Communauté apprenante « PTCE Renouveau productif »", "services", 2013, None,
        ["org-coorace", "pole-sud-archer", "pole-alveole"], prov=f"source:{S3}", part_of=False,
        note="Animated by COORACE and Pôle Sud Archer with the Labo de l'ESS; visited the Alvéole pole (Nov. 2013) and the Pays de Bray pole (March 2014)")
edges[-3]["provenance"] = f"source:{S3}"
edges[-1]["provenance"] = f"inferred from {S3} (visited pole)"
project("proj-aura-groupe-regional", "esci", "Groupe de travail régional des PTCE Auvergne-Rhône-Alpes", "services",
        2013, None, ["pole-esci", "pole-sud-archer", "pole-alveole", "pole-dombinnov", "pole-alpen",
                     "pole-laine-saugues", "pole-confluences", "pole-volcans", "pole-gorges", "pole-baronnies"],
        prov=f"source:{S1} (about fifteen AuRA PTCE in a regional working group since 2013)", part_of=False,
        note="The list of participating poles is inferred (real poles named in seeds/001) or fictional")
index["proj-aura-groupe-regional"]["territory"] = R
for e in edges[-10:]:
    e["provenance"] = f"inferred from {S1}" if not index[e["source"]]["name"].endswith("(fictional)") else ILL
# fictional essaimage
E("proj-confluences-1", "proj-baronnies-1", "spins_off", provenance=ILL)
E("pole-confluences", "pole-volcans", "spins_off", provenance=ILL)
E("proj-gorges-2", "proj-haut-bugey-2", "spins_off", provenance=ILL)
E("proj-esci-conciergerie", "proj-tarentaise-1", "spins_off", provenance=ILL)

# ---------------------------------------------------------------- collectivities and funding per pole
def local_cols(key, kinds):
    out = []
    for kind in kinds:
        label = {"epci": "Communauté de communes", "commune": "Commune"}[kind]
        place = COL_PLACES.pop(0)
        cid = fict_col(f"col-{key}-{kind}", f"{label} {place} (fictional)", kind, POLE_TERR[key])
        out.append(cid)
    return out


COL_PLACES = ["de Vaubrezon", "des Essarts-Vieux", "de Chantegrive", "de Mirevaux", "de Pradelune",
              "du Val-Serein", "de Roussevent", "de Clairmontel", "des Berges-Basses", "de Saint-Fictif",
              "de Combrevaux", "de Montorial", "des Sables-Hauts", "de Bellegarrigue", "du Fau-Perdu",
              "de Grisolles-Fictive", "de Lunéville-sur-Songe", "de Vermandois-le-Faux", "de Pontaubry",
              "de Haute-Ravine"]
cols = {}
for key in ["sud-archer", "alveole", "royans-vercors", "turfu", "laine-saugues", "dombinnov", "confluences",
            "volcans", "tarentaise", "gorges", "baronnies", "haut-bugey"]:
    kinds = ["commune"] if key in ("sud-archer", "alveole", "royans-vercors", "turfu", "laine-saugues") else ["epci", "commune"]
    cols[key] = local_cols(key, kinds)
    for c in cols[key]:
        E(c, f"pole-{key}", "member_of", role="partner", since=SINCE[key] + 1, provenance=ILL)

AMI21 = f"source:{RD} (AMI PTCE émergents 2021: 100 kEUR over 2 years; years approximate)"
AMI23 = f"source:{RD} (AMI PTCE 2023: 100 kEUR over 2 years; years approximate)"
F("col-etat", "pole-royans-vercors", 100000, 2022, 2023, "animation", "AMI PTCE émergents 2021", AMI21)
F("col-etat", "pole-turfu", 100000, 2022, 2023, "animation", "AMI PTCE émergents 2021", AMI21)
F("col-etat", "pole-peccs", 100000, 2024, 2025, "animation", "AMI PTCE 2023", AMI23)
F("col-etat", "pole-laine-saugues", 100000, 2024, 2025, "animation", "AMI PTCE 2023", AMI23)
F(cols["sud-archer"][0], "pole-sud-archer", 30000, 2015, 2019, "animation")
F(cols["alveole"][0], "pole-alveole", 20000, 2014, 2016, "animation")
F(cols["royans-vercors"][0], "pole-royans-vercors", 15000, 2022, 2024, "operation")
F(cols["turfu"][0], "pole-turfu", 12000, 2021, 2023, "operation")
F(cols["laine-saugues"][0], "pole-laine-saugues", 18000, 2023, 2025, "investment")
F(cols["dombinnov"][0], "pole-dombinnov", 50000, 2016, 2020, "animation")
F(cols["dombinnov"][1], "pole-dombinnov", 10000, 2017, 2018, "operation")
# fictional poles: real regional/national funders, fictional local ones
F("col-region-aura", "pole-confluences", 90000, 2015, 2017, "animation")
F("col-etat", "pole-confluences", 150000, 2016, 2018, "animation", "Appel à projets PTCE 2015")
F("fund-cdc", "pole-confluences", 60000, 2016, 2018, "animation", "Appel à projets PTCE 2015")
F(cols["confluences"][0], "pole-confluences", 80000, 2015, 2023, "animation")
F("fund-fondation-territoires", "pole-confluences", 45000, 2019, 2021, "operation")
F("col-eu-fse", "proj-confluences-2", 70000, 2018, 2020, "operation", "FSE")
F("col-region-aura", "pole-volcans", 420000, 2016, 2022, "animation")          # >= 80 % single funder
F(cols["volcans"][1], "pole-volcans", 30000, 2017, 2019, "operation")
F("col-region-aura", "pole-tarentaise", 60000, 2017, 2019, "animation")
F(cols["tarentaise"][0], "pole-tarentaise", 40000, 2017, 2022, "animation")
F("fund-france-active-aura", animator["tarentaise"], 50000, 2018, 2018, "investment", "France Active garantie")
F("col-etat", "pole-gorges", 120000, 2014, 2016, "animation", "Appel à projets PTCE 2013")   # stops after 2018
F("col-region-aura", "pole-gorges", 60000, 2014, 2016, "animation")
F("col-eu-feader", "pole-gorges", 50000, 2017, 2018, "animation", "LEADER")
F(cols["gorges"][0], "pole-gorges", 25000, 2014, 2018, "animation")
F("col-region-aura", "pole-baronnies", 45000, 2016, 2018, "animation")
F("col-eu-feader", "pole-baronnies", 40000, 2017, 2019, "animation", "LEADER")
F(cols["baronnies"][1], "pole-baronnies", 15000, 2016, 2019, "operation")
F(cols["haut-bugey"][0], "pole-haut-bugey", 30000, 2015, 2017, "animation")
F("fund-fondation-territoires", "pole-haut-bugey", 20000, 2015, 2016, "operation")
# funding of member organisations and projects (all on fictional nodes)
F("fund-cdc", "org-ressourcerie-val-argent", 150000, 2019, 2019, "investment")
F("fund-france-active-aura", "org-ecobati-deux-lacs", 80000, 2017, 2017, "investment", "France Active garantie")
F("fund-france-active-aura", members["confluences"][0], 40000, 2016, 2016, "investment")
F("fund-gaia", "org-alpes-coop-conseil", 30000, 2018, 2018, "investment")
F("fund-fondation-rhone-energie", "proj-alveole-1", 35000, 2016, 2017, "operation")
F("fund-fondation-rhone-energie", "proj-alpen-1", 25000, 2019, 2020, "operation")
F("fund-banque-alpes-rhone", members["turfu"][0], 120000, 2021, 2021, "investment")
F("fund-banque-alpes-rhone", "org-filature-haut-plateau", 200000, 2020, 2020, "investment")
F("col-eu-fse", members["haut-bugey"][0], 60000, 2015, 2017, "operation", "FSE")
F(cols["sud-archer"][0], "proj-sud-archer-1", 25000, 2016, 2018, "operation")

# ---------------------------------------------------------------- write
with open(HERE / "nodes.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, NODE_COLS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for n in nodes:
        w.writerow({k: ("" if n.get(k) is None else n.get(k)) for k in NODE_COLS})
with open(HERE / "edges.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, EDGE_COLS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for e in edges:
        w.writerow({k: ("" if e.get(k) is None else e.get(k)) for k in EDGE_COLS})

if __name__ == "__main__":
    print(f"{len(nodes)} nodes, {len(edges)} edges")
    print("isolated:", ISOLATED)
    print("peripheral one tie:", PERIPHERAL_ONE_TIE)
    print("peripheral animator only:", PERIPHERAL_ANIMATOR_ONLY)
    print("star pole: pole-tarentaise, animator", animator[STAR], "members", members[STAR])
    print("ess-company:", ESS_COMPANY)
    print("animators:", animator)
