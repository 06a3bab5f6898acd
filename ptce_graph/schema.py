"""The dataset format, version 1: node and edge types, columns, French aliases and the allowed
(source, target) pairs. Every other module asks this one; nothing else spells a type or column."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FORMAT_VERSION",
    "NODE_TYPES",
    "EDGE_TYPES",
    "UNDIRECTED_EDGE_TYPES",
    "Column",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "NODE_CATEGORIES",
    "POLE_STATUSES",
    "MEMBER_ROLES",
    "PROJECT_ROLES",
    "FUNDING_PURPOSES",
    "TIE_STRENGTHS",
    "STRENGTH_WEIGHTS",
    "ALLOWED_PAIRS",
    "COLUMN_ALIASES",
    "DATE_COLUMNS",
    "NODE_LABELS",
    "RELATIONSHIP_TYPES",
    "allowed_pair",
    "canonical_column",
    "canonical_value",
    "column_values",
    "ID_SEPARATOR",
    "join_ids",
    "split_ids",
]

FORMAT_VERSION = 1

NODE_TYPES = ("pole", "organisation", "collectivity", "funder", "project")

EDGE_TYPES = (
    "member_of",
    "animates",
    "participates_in",
    "part_of",
    "funds",
    "cooperates_with",
    "spins_off",
)

# cooperates_with is symmetric: the graph stores one edge per tie, source < target.
UNDIRECTED_EDGE_TYPES = frozenset({"cooperates_with"})

_ACTORS = frozenset({"organisation", "collectivity"})

# edge type -> (allowed source types, allowed target types)
ALLOWED_PAIRS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "member_of": (_ACTORS, frozenset({"pole"})),
    "animates": (frozenset({"organisation"}), frozenset({"pole"})),
    "participates_in": (_ACTORS | {"pole"}, frozenset({"project"})),
    "part_of": (frozenset({"project"}), frozenset({"pole"})),
    "funds": (
        frozenset({"funder", "collectivity"}),
        frozenset({"pole", "organisation", "project"}),
    ),
    "cooperates_with": (_ACTORS, _ACTORS),
    "spins_off": (frozenset({"project", "pole"}), frozenset({"project", "pole"})),
}

# The labels and relationship types a graph database sees; never built from user strings.
NODE_LABELS = {
    "pole": "Pole",
    "organisation": "Organisation",
    "collectivity": "Collectivity",
    "funder": "Funder",
    "project": "Project",
}
RELATIONSHIP_TYPES = {t: t.upper() for t in EDGE_TYPES}

NODE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "organisation": (
        "association",
        "cooperative",
        "insertion",
        "company",
        "training",
        "research",
        "network",
        "mutual",
        "foundation",
        "other",
    ),
    "collectivity": ("commune", "epci", "departement", "region", "state", "eu"),
    "funder": ("public", "private", "bank", "foundation", "eu"),
}
POLE_STATUSES = ("active", "standby", "inactive")
MEMBER_ROLES = ("founder", "member", "partner")
PROJECT_ROLES = ("lead", "partner")
FUNDING_PURPOSES = ("animation", "operation", "investment")
# How strong a cooperation tie is, as a roster survey asks it (weakest first).
TIE_STRENGTHS = ("occasional", "regular", "joint")
# The weight a surveyed tie gets when the collect step writes it (the cooperation layer reads it).
STRENGTH_WEIGHTS = {"occasional": 1.0, "regular": 2.0, "joint": 3.0}


@dataclass(frozen=True)
class Column:
    """One column of the format: its name, value kind, whether required, allowed values."""

    name: str
    kind: str  # text, int, number, year, years (';'-separated), date, bool, siren, siret, enum
    required: bool = False
    allowed: tuple[str, ...] = ()
    description: str = ""
    example: str = ""
    written_by: str = ""  # "survey": filled by `survey collect`, not by hand


NODE_COLUMNS: tuple[Column, ...] = (
    Column("id", "text", True, description="unique identifier", example="org-adequation"),
    Column("type", "enum", True, NODE_TYPES, "node type", "organisation"),
    Column("name", "text", True, description="display name", example="Adéquation"),
    Column("category", "enum", description="legal or institutional kind, per type",
           example="cooperative"),
    Column("sector", "text", description="activity sector", example="reuse"),
    Column("ess", "bool", description="part of the social and solidarity economy",
           example="true"),
    Column("territory", "text", description="territory (pays, EPCI, town)",
           example="Centre Isère"),
    Column("region", "text", description="French region", example="Auvergne-Rhône-Alpes"),
    Column("siren", "siren", description="9-digit SIREN with a valid Luhn key",
           example="732829320"),
    Column("siret", "siret", description="14-digit SIRET with a valid Luhn key",
           example="73282932000074"),
    Column("employees", "number", description="headcount (or FTE)", example="42"),
    Column("budget", "number", description="EUR a year", example="1 250 000"),
    Column("own_revenue", "number", description="EUR a year of own revenue (sales, services)",
           example="400000"),
    Column("founded", "year", description="year of creation", example="2012"),
    Column("status", "enum", allowed=POLE_STATUSES, description="poles only", example="active"),
    # written by `survey collect`: which roster surveys asked the organisation, which it answered
    Column("surveyed", "years", description="years of the roster surveys it was asked to answer",
           example="2025;2026", written_by="survey"),
    Column("responded", "years", description="years of the roster surveys it answered",
           example="2025", written_by="survey"),
)

EDGE_COLUMNS: tuple[Column, ...] = (
    Column("source", "text", True, description="id of the source node", example="org-adequation"),
    Column("target", "text", True, description="id of the target node", example="pole-esci"),
    Column("type", "enum", True, EDGE_TYPES, "relationship type", "member_of"),
    Column("role", "enum", description="member_of: founder, member, partner; "
           "participates_in: lead, partner", example="founder"),
    Column("since", "date", description="year or ISO date the tie began", example="2014"),
    Column("until", "date", description="year or ISO date the tie ended", example="2018"),
    Column("amount", "number", description="funds: total EUR over start..end",
           example="150 000,00"),
    Column("start", "date", description="funds: first year (or ISO date)", example="2014"),
    Column("end", "date", description="funds: last year (or ISO date), inclusive",
           example="2016"),
    Column("purpose", "enum", allowed=FUNDING_PURPOSES, description="funds: what it pays for",
           example="animation"),
    Column("programme", "text", description="funds: programme", example="LEADER"),
    Column("kind", "text", description="cooperates_with: kind of tie", example="subcontracting"),
    Column("weight", "number", description="cooperates_with: strength (default 1)",
           example="2"),
    # cooperates_with ties collected by a roster survey (`survey collect`)
    Column("strength", "enum", allowed=TIE_STRENGTHS,
           description="cooperates_with from a survey: how strong the respondents said it is",
           example="regular", written_by="survey"),
    Column("confirmed", "bool", description="cooperates_with from a survey: both sides named it",
           example="true", written_by="survey"),
    Column("reported_by", "text", description="cooperates_with from a survey: ids of the "
           "respondents who named it, ';'-separated", example="org-a;org-b",
           written_by="survey"),
    Column("about", "text", description="cooperates_with from a survey: what it is about, as "
           "the respondents wrote it", example="shared premises", written_by="survey"),
)

DATE_COLUMNS = ("since", "until", "start", "end")

# French (and a few common English) headers accepted for the canonical names. Keys are compared
# after normalisation: lower case, accents removed, spaces and dashes turned into underscores.
COLUMN_ALIASES: dict[str, str] = {
    "identifiant": "id",
    "code": "id",
    "nom": "name",
    "libelle": "name",
    "label": "name",
    "categorie": "category",
    "secteur": "sector",
    "territoire": "territory",
    "region": "region",
    "ess": "ess",
    "salaries": "employees",
    "effectif": "employees",
    "effectifs": "employees",
    "emplois": "employees",
    "employes": "employees",
    "budget": "budget",
    "chiffre_d_affaires": "own_revenue",
    "recettes_propres": "own_revenue",
    "ressources_propres": "own_revenue",
    "creation": "founded",
    "annee_creation": "founded",
    "annee_de_creation": "founded",
    "fondation": "founded",
    "statut": "status",
    "etat": "status",
    "source": "source",
    "origine": "source",
    "cible": "target",
    "destination": "target",
    "vers": "target",
    "relation": "type",
    "lien": "type",
    "role": "role",
    "depuis": "since",
    "adhesion": "since",
    "jusqu_a": "until",
    "jusqu_au": "until",
    "sortie": "until",
    "montant": "amount",
    "montant_eur": "amount",
    "debut": "start",
    "date_debut": "start",
    "annee_debut": "start",
    "fin": "end",
    "date_fin": "end",
    "annee_fin": "end",
    "objet": "purpose",
    "objectif": "purpose",
    "programme": "programme",
    "dispositif": "programme",
    "nature": "kind",
    "poids": "weight",
    "intensite": "strength",
    "niveau": "strength",
    "confirme": "confirmed",
    "reciproque": "confirmed",
    "declare_par": "reported_by",
    "cite_par": "reported_by",
    "sur_quoi": "about",
    "enquete": "surveyed",
    "enquetee": "surveyed",
    "a_repondu": "responded",
    "repondu": "responded",
}

# French spellings of the enumerated values, normalised like headers.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "type": {
        "pole": "pole",
        "ptce": "pole",
        "membre": "organisation",
        "structure": "organisation",
        "collectivite": "collectivity",
        "financeur": "funder",
        "projet": "project",
        "membre_de": "member_of",
        "anime": "animates",
        "participe_a": "participates_in",
        "fait_partie_de": "part_of",
        "finance": "funds",
        "coopere_avec": "cooperates_with",
        "essaime": "spins_off",
    },
    "role": {
        "fondateur": "founder",
        "membre": "member",
        "partenaire": "partner",
        "porteur": "lead",
        "chef_de_file": "lead",
    },
    "status": {"actif": "active", "en_veille": "standby", "veille": "standby",
               "inactif": "inactive"},
    "purpose": {"fonctionnement": "operation", "investissement": "investment"},
    "strength": {
        "echanges_ponctuels": "occasional",
        "ponctuel": "occasional",
        "occasional_exchanges": "occasional",
        "cooperation_reguliere": "regular",
        "reguliere": "regular",
        "regular_cooperation": "regular",
        "projet_commun_ou_activite_partagee": "joint",
        "projet_commun": "joint",
        "joint_project_or_shared_activity": "joint",
        "joint_project": "joint",
    },
    "category": {
        "cooperative": "cooperative",
        "scic": "cooperative",
        "scop": "cooperative",
        "entreprise": "company",
        "siae": "insertion",
        "iae": "insertion",
        "formation": "training",
        "recherche": "research",
        "reseau": "network",
        "mutuelle": "mutual",
        "fondation": "foundation",
        "autre": "other",
        "intercommunalite": "epci",
        "departement": "departement",
        "etat": "state",
        "ue": "eu",
        "publique": "public",
        "public": "public",
        "prive": "private",
        "banque": "bank",
    },
}


def canonical_column(header: str) -> str:
    """The canonical column name for a header as a user wrote it.

    >>> canonical_column("Début")
    'start'
    >>> canonical_column(" Montant (EUR) ")
    'amount'
    >>> canonical_column("my_column")
    'my_column'
    """
    key = normalise_token(header)
    if key in {c.name for c in NODE_COLUMNS + EDGE_COLUMNS}:
        return key
    if key in COLUMN_ALIASES:
        return COLUMN_ALIASES[key]
    stripped = key.removesuffix("_eur").removesuffix("_euros")
    return COLUMN_ALIASES.get(stripped, header.strip())


def column_values(column: Column, row_type: str | None = None) -> tuple[str, ...]:
    """The values an enumerated column allows (``()`` for a free one); ``category`` and
    ``role`` depend on the row's type, and without ``row_type`` every type's values come.

    >>> column_values(NODE_COLUMNS[3], "collectivity")[:2]
    ('commune', 'epci')
    >>> column_values(EDGE_COLUMNS[3])
    ('founder', 'member', 'partner', 'lead')
    """
    if column.name == "category":
        if row_type is not None:
            return NODE_CATEGORIES.get(row_type, ())
        return tuple(dict.fromkeys(v for values in NODE_CATEGORIES.values() for v in values))
    if column.name == "role":
        if row_type == "member_of":
            return MEMBER_ROLES
        if row_type == "participates_in":
            return PROJECT_ROLES
        return tuple(dict.fromkeys(MEMBER_ROLES + PROJECT_ROLES))
    return column.allowed


def canonical_value(column: str, value: str) -> str:
    """An enumerated value in its canonical (English) spelling; unknown values pass unchanged."""
    key = normalise_token(value)
    return VALUE_ALIASES.get(column, {}).get(key, key)


def normalise_token(text: str) -> str:
    """Lower case, no accents, no punctuation: 'Montant (€)' -> 'montant'."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    out = []
    for ch in plain:
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "_":
            out.append("_")
    return "".join(out).strip("_")


def allowed_pair(edge_type: str, source_type: str, target_type: str) -> bool:
    """Whether the schema allows an edge of this type between nodes of these types.

    >>> allowed_pair("funds", "funder", "pole")
    True
    >>> allowed_pair("funds", "pole", "funder")
    False
    """
    sources, targets = ALLOWED_PAIRS[edge_type]
    return source_type in sources and target_type in targets


def describe_pair(edge_type: str) -> str:
    """'organisation or collectivity -> pole', for error messages and docs."""
    sources, targets = ALLOWED_PAIRS[edge_type]
    arrow = "<->" if edge_type in UNDIRECTED_EDGE_TYPES else "->"
    order = {t: i for i, t in enumerate(NODE_TYPES)}

    def listed(types) -> str:
        names = sorted(types, key=order.get)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    return f"{listed(sources)} {arrow} {listed(targets)}"


# Cells of the analysis tables that list ids (``poles``, ``key_actors``, ...) join them with this.
ID_SEPARATOR = ";"


def join_ids(ids) -> str | None:
    """Ids as one table cell, ``None`` for none.

    >>> join_ids(["pole-a", "pole-b"]), join_ids([])
    ('pole-a;pole-b', None)
    """
    return ID_SEPARATOR.join(str(i) for i in ids) or None


def split_ids(cell) -> list[str]:
    """The ids of a table cell written by :func:`join_ids`; ``[]`` for an empty or missing cell.

    >>> split_ids("pole-a;pole-b"), split_ids("pole-a; pole-b"), split_ids(float("nan"))
    (['pole-a', 'pole-b'], ['pole-a', 'pole-b'], [])
    """
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(ID_SEPARATOR) if part.strip()]
