"""The catalogue of the tables `analyze` writes: one spec per table (name, file, key, columns
each with type, description, label in French and English, and the store property it is written
back as). The CSV writer, the views' tooltips, the store write-back and ``docs/outputs.md`` read
it, so that a column is described in one place.

Adding a node metric is one spec entry here with a ``compute`` function (``L -> {node: value}``
on the metric layer, see :class:`Column`): :func:`ptce_graph.analysis.analyze` computes it,
nodes.csv writes it, the tooltip shows it when ``tooltip`` is set, the write-back writes it when
``prop`` names a property, and ``docs/outputs.md`` lists it (regenerate with
``python -m ptce_graph.catalogue > docs/outputs.md``; a test compares).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

__all__ = ["Column", "Table", "TABLES", "DERIVED_PROPERTIES", "table", "column_label",
           "conform", "markdown", "node_facts", "node_flags", "write_back_properties",
           "rendered", "reason_texts", "render_reason_columns"]

# column type -> pandas dtype an empty table gets (so that a boolean filter on an empty table
# stays a filter: an empty object column used as a mask selects columns instead)
TYPES = {"id": "object", "ids": "object", "text": "object", "reasons": "object", "codes": "object",
         "int": "Int64", "year": "Int64", "float": "float64", "eur": "float64",
         "share": "float64", "bool": "bool"}


@dataclass(frozen=True)
class Column:
    """One column: ``name``, ``type`` (a key of :data:`TYPES`), ``description`` (English, for
    the docs), ``fr``/``en`` labels (tooltips, report), ``prop``: the store property it is
    written back as (None: not written back); ``tooltip``: shown in the network view's
    tooltip; ``compute``: for a node metric computed on its own, ``L -> {node: value}`` on the
    metric layer (the graph of ``--layer``). A ``reasons`` column is written in ``lang``; where
    the analysis gives reasons as codes (:class:`ptce_graph.reasons.Reason` tuples, or their
    text form in a ``codes`` column) in ``source`` (default: the column itself), the writers
    render them in ``lang`` through the message catalogue (:func:`rendered`,
    :func:`reason_texts`)."""

    name: str
    type: str
    description: str
    fr: str
    en: str
    prop: str | None = None
    tooltip: bool = False
    lang: str = "en"
    source: str | None = None
    compute: Callable[[Any], Mapping] | None = field(default=None, compare=False)

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Table:
    """One table of the analysis: ``name`` (its key in ``Analysis.tables``), ``file`` under OUT
    (None: not written as a CSV), ``key`` (the column that identifies a row's node, used by the
    write-back), ``description`` and ``columns``; ``replaces``: the table whose file this one
    takes when the analysis made it (funding_by_year, with --by-year, is written as
    funding.csv)."""

    name: str
    file: str | None
    key: str | None
    description: str
    columns: tuple[Column, ...]
    replaces: str | None = None

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    def with_column(self, column: Column, *, after: str | None = None) -> Table:
        """A copy with ``column`` added (at the end, or after the column ``after``)."""
        columns = list(self.columns)
        at = len(columns) if after is None else [c.name for c in columns].index(after) + 1
        columns.insert(at, column)
        return replace(self, columns=tuple(columns))


def C(name, type_, description, fr, en, **extra) -> Column:  # noqa: N802 (short on purpose)
    return Column(name, type_, description, fr, en, **extra)


_NODE_ID = C("id", "id", "Node id, as in the dataset's nodes.csv.", "Identifiant", "Id")
_NAME = C("name", "text", "Display name.", "Nom", "Name")
_POLE = C("pole", "id", "Pole id.", "Pôle", "Pole")

def _survey_silence(L) -> dict:
    """node -> True when it did not answer the latest roster survey it was sent, False when
    it did (surveyed nodes only)."""
    from .build import survey_answered

    year = L.graph.get("year")
    answers = {n: survey_answered(d, year) for n, d in L.nodes(data=True)}
    return {n: not a for n, a in answers.items() if a is not None}


_TABLES = (
    Table("nodes", "metrics/nodes.csv", "id",
          "A row per node (active in --year), sorted by id; the centrality columns are computed "
          "on --layer (empty for nodes not in it).", (
              _NODE_ID,
              C("type", "text", "Node type: pole, organisation, collectivity, funder, project.",
                "Type", "Type"),
              _NAME,
              C("poles", "ids", "Poles the node is a member of or animates (a project: the "
                "poles it belongs to; a pole: itself), ids joined by ';'.", "Pôles", "Poles"),
              C("sector", "text", "Sector, as in the dataset.", "Secteur", "Sector"),
              C("degree", "int", "Number of ties on the layer.", "Degré (liens)",
                "Degree (ties)", prop="degree", tooltip=True),
              C("degree_centrality", "float", "Degree divided by the number of other nodes.",
                "Centralité de degré", "Degree centrality", prop="degree_centrality"),
              C("betweenness", "float", "Normalised betweenness (unweighted; sampled on large "
                "graphs, see summary.json approximations).", "Intermédiarité", "Betweenness",
                prop="betweenness", tooltip=True),
              C("closeness", "float", "Normalised closeness (unweighted).", "Proximité",
                "Closeness", prop="closeness", tooltip=True),
              C("eigenvector", "float", "Eigenvector centrality (weighted), computed on each "
                "connected piece of two nodes or more, of unit length per piece (so values "
                "compare within a piece); 0 for a node with no tie.",
                "Centralité de vecteur propre", "Eigenvector centrality",
                prop="eigenvector", tooltip=True),
              C("pagerank", "float", "PageRank (weighted).", "PageRank", "PageRank",
                prop="pagerank", tooltip=True),
              C("community", "int", "Louvain community (weighted, fixed seed), numbered by "
                "decreasing size.", "Communauté", "Community", prop="community", tooltip=True),
              C("core_number", "int", "k-core number.", "Noyau (k-core)", "Core number (k-core)",
                prop="core_number", tooltip=True),
              C("constraint", "float", "Burt's constraint (weighted): low for a node whose "
                "partners are not tied to each other.", "Contrainte de Burt",
                "Burt's constraint", prop="constraint", tooltip=True),
              C("effective_size", "float", "Burt's effective size (Borgatti's form).",
                "Taille effective", "Effective size", prop="effective_size", tooltip=True),
              C("sector_participation", "float", "1 - sum over sectors of (ties to the sector "
                "/ ties)^2: 0 when every tie is in one sector.",
                "Participation multi-secteurs", "Sector participation",
                prop="sector_participation", tooltip=True),
              C("articulation_point", "bool", "Removing the node splits its piece of the "
                "network.", "Point d'articulation", "Articulation point",
                prop="articulation_point", tooltip=True),
              C("isolated", "bool", "A member organisation with no cooperation tie.", "Isolée",
                "Isolated", prop="isolated", tooltip=True),
              C("peripheral", "bool", "A member with one cooperation tie, or whose only ties go "
                "to its pole's animator.", "Périphérique", "Peripheral", prop="peripheral",
                tooltip=True),
              C("no_survey_answer", "bool", "Sent a roster survey (`survey collect`) and did "
                "not answer its latest one (false: answered; empty: never surveyed). Such a "
                "member is neither isolated nor peripheral: missing answers say nothing of its "
                "ties.", "Sans réponse à l'enquête", "No survey answer",
                prop="no_survey_answer", tooltip=True, compute=_survey_silence),
          )),
    Table("cooperation", "metrics/cooperation.csv", None,
          "A row per tie of the cooperation layer, sorted by (source, target), source < target.",
          (
              C("source", "id", "One end of the tie (the smaller id).", "Source", "Source"),
              C("target", "id", "The other end.", "Cible", "Target"),
              C("weight", "float", "direct + shared_projects.", "Intensité", "Weight"),
              C("direct", "float", "Sum of the weights of direct cooperates_with ties.",
                "Coopération directe", "Direct cooperation"),
              C("shared_projects", "int", "Projects both take part in.", "Projets partagés",
                "Shared projects"),
              C("cross_sector", "bool", "Both sectors known and different.",
                "Entre deux secteurs", "Cross-sector"),
              C("ess_company", "bool", "One end in the ESS, the other a conventional company.",
                "ESS - entreprise classique", "ESS - conventional company"),
              C("bridge", "bool", "Removing the tie splits its piece of the network.", "Pont",
                "Bridge"),
              C("local_bridge_span", "text", "For a local bridge that is not a bridge: length "
                "of the shortest other path between its ends; on very large graphs, where "
                "the search stops at 6 hops, a lower bound written '>6' (never left empty).",
                "Portée du pont local",
                "Local bridge span"),
          )),
    Table("brokerage", "metrics/brokerage.csv", None,
          "Gould and Fernandez brokerage roles on the cooperation layer, a row per actor who "
          "brokers at least one pair or belongs to two or more poles; sorted by cross_sector, "
          "then total (decreasing), then id.", (
              _NODE_ID, _NAME,
              C("type", "text", "Node type.", "Type", "Type"),
              C("sector", "text", "Sector.", "Secteur", "Sector"),
              C("poles", "ids", "Poles it is a member of or animates, joined by ';'.", "Pôles",
                "Poles"),
              C("n_poles", "int", "Number of those poles.", "Nombre de pôles",
                "Number of poles"),
              C("multi_pole", "bool", "Member of or animating two or more poles.",
                "Membre de plusieurs pôles", "Member of several poles"),
              C("coordinator", "int", "Pairs brokered within its own sector.", "Coordinateur",
                "Coordinator"),
              C("itinerant", "int", "Pairs of one other sector brokered.", "Itinérant",
                "Itinerant"),
              C("representative_gatekeeper", "int", "Pairs joining its sector and another.",
                "dont représentant / gardien", "of which representative / gatekeeper"),
              C("liaison", "int", "Pairs of two other, different sectors.", "dont liaison",
                "of which liaison"),
              C("total", "int", "Pairs brokered, every role.", "Paires reliées (total)",
                "Pairs brokered (total)"),
              C("cross_sector", "int", "representative_gatekeeper + liaison: pairs from two "
                "different sectors.", "Paires inter-secteurs", "Cross-sector pairs"),
          )),
    Table("funding", "metrics/funding.csv", "recipient",
          "A row per recipient of funding (per recipient and year with --by-year), sorted by "
          "recipient (then year).", (
              C("recipient", "id", "Recipient id.", "Bénéficiaire", "Recipient"),
              C("recipient_type", "text", "Recipient type.", "Type de bénéficiaire",
                "Recipient type"),
              C("total", "eur", "Funding received (EUR: grant totals; with --year or "
                "--by-year that year's share).", "Financements reçus (EUR)",
                "Funding received (EUR)", prop="funding_received"),
              C("n_funders", "int", "Number of funders.", "Nombre de financeurs",
                "Number of funders", prop="n_funders"),
              C("top_funder", "id", "The largest funder's id.", "Premier financeur",
                "Top funder", prop="top_funder"),
              C("top_share", "share", "The largest funder's share.",
                "Part du premier financeur", "Top funder's share", prop="top_share"),
              C("hhi", "float", "Herfindahl-Hirschman index of the funders' shares.",
                "Concentration des financements (HHI)", "Funding concentration (HHI)",
                prop="funding_hhi"),
              C("public_share", "share", "Share of public money (collectivities, public and "
                "EU funders).", "Part publique", "Public share", prop="public_share"),
              C("single_funder_dependent", "bool", "A single funder, or top_share at or above "
                "--threshold.", "Dépend d'un seul financeur", "Depends on one funder",
                prop="single_funder_dependent"),
          )),
    Table("poles", "metrics/poles.csv", "pole",
          "A row per pole active as of the as-of year, most fragile first; poles without "
          "enough data for a score come last.", (
              _POLE, _NAME,
              C("status", "text", "Status, as in the dataset.", "Statut", "Status"),
              C("as_of", "year", "The as-of year the pole is judged at (--as-of, else the "
                "dataset's declared or inferred year).", "Situation en", "As of"),
              C("members", "int", "Member organisations.", "Membres", "Members"),
              C("employees", "float", "Employees of the members, where known.", "Salariés",
                "Employees"),
              C("budget", "eur", "Budget of the members (EUR), where known.", "Budget (EUR)",
                "Budget (EUR)"),
              C("collectivities", "int", "Collectivities involved.", "Collectivités",
                "Collectivities"),
              C("funders", "int", "Funders of the pole and its projects.", "Financeurs",
                "Funders"),
              C("funding_total", "eur", "Funding received by the pole and its projects (EUR).",
                "Financements reçus (EUR)", "Funding received (EUR)"),
              C("top_funder", "id", "The largest funder's id.", "Premier financeur",
                "Top funder"),
              C("top_funder_share", "share", "The largest funder's share.",
                "Part du premier financeur", "Top funder's share", prop="top_funder_share"),
              C("funding_hhi", "float", "Herfindahl-Hirschman index of the funders' shares.",
                "Concentration des financements (HHI)", "Funding concentration (HHI)"),
              C("public_share", "share", "Share of public money.", "Part publique",
                "Public share"),
              C("own_revenue_share", "share", "Own revenue as a share of the members' "
                "budgets.", "Part de ressources propres", "Own revenue share",
                prop="own_revenue_share"),
              C("subsidy_share", "share", "Subsidies as a share of the pole's budget: 1 - own "
                "revenue / budget, on the pole's own figures (members' consolidated figures "
                "when the pole has none, see subsidy_basis).", "Part de subventions",
                "Subsidy share"),
              C("subsidy_basis", "text", "What subsidy_share rests on: pole (its own "
                "figures) or members (their consolidated budgets, as a fallback: shown with "
                "a reason, not scored).",
                "Base de la part de subventions", "Subsidy share basis"),
              C("key_actors", "ids", "Actors whose departure cuts others off, most damaging "
                "first, joined by ';' (a list in the store).", "Acteurs clés", "Key actors",
                prop="key_actors"),
              C("key_actor_impact", "share", "Share of the other actors outside the piece "
                "holding most of the pole's actors once its most critical actor leaves (the "
                "key_actor component).", "Poids des acteurs clés", "Key actors' weight",
                prop="key_actor_impact"),
              C("isolated_members", "int", "Member organisations with no cooperation tie.",
                "Membres isolés", "Isolated members", prop="isolated_members"),
              C("cross_sector_share", "share", "Share of the pole's internal ties joining two "
                "sectors.", "Part des liens inter-secteurs", "Cross-sector share of ties",
                prop="cross_sector_share"),
              C("funding_ends", "year", "Last funded year up to the as-of year.",
                "Fin des financements", "Funding ends", prop="funding_ends"),
              C("funding_ending", "share", "Component (weight 0.25): share of the pole's "
                "budget that neither own revenue nor grants known as of the year cover next "
                "year; end of start-up or programme funding (ESCI 2016-2019). Empty: unknown.",
                "Fin des financements d'amorçage", "End of start-up funding"),
              C("funding_horizon", "share", "Component (0.15): the same, two and three years "
                "ahead (funders commit for 3 years, consolidation takes more than 5).",
                "Horizon des financements", "Funding horizon"),
              C("funder_concentration", "share", "Component (0.15): share of the budget left "
                "uncovered if the largest funder of the last three years left.",
                "Dépendance à un financeur", "Dependence on one funder"),
              C("subsidy_dependence", "share", "Component (0.15): the 3/3 rule, 0 up to a "
                "third of subsidies, 1 at 100 %, linear between, on the pole's own figures "
                "(empty without them).",
                "Plus d'un tiers de subventions (règle des 3/3)", "Subsidies above a third "
                "(3/3 rule)"),
              C("public_dependence", "share", "Component (0.05): share of the budget that "
                "neither own revenue nor private funders cover.",
                "Dépendance aux financements publics", "Dependence on public funding"),
              C("key_actor", "share", "Component (0.10): share of the other actors outside "
                "the piece holding most of the pole's actors once its most critical actor "
                "leaves (actors already outside count; 1 when no piece holds most).",
                "Dépendance à un acteur clé",
                "Dependence on one key actor"),
              C("isolation", "share", "Component (0.05): members with no cooperation tie / "
                "members.", "Membres isolés (part)", "Isolated members (share)"),
              C("sector_closure", "share", "Component (0.10): share of the pole's sectors "
                "whose actors have no cooperation tie with another sector.",
                "Coopération repliée sur les secteurs",
                "Cooperation closed within sectors"),
              C("coverage", "share", "Weight of the components whose inputs are known "
                "(funding: a pole with actors or a budget, once the dataset's funding record "
                "has begun); under 0.5 the pole gets no score.",
                "Couverture des données", "Data coverage"),
              C("fragility_score", "float", "Sum of weight x evidence x value over the eight "
                "components, 0 to 1; empty when coverage is under 0.5 (not enough data).",
                "Score de fragilité", "Fragility score", prop="fragility_score"),
              C("fragility_reason_codes", "codes", "The reasons as language-free codes "
                "with parameters (reasons.py), largest part of the score first.",
                "Codes des raisons", "Reason codes"),
              C("fragility_reasons", "reasons", "The signals as reasons, main one first, in "
                "English, joined by '; ' (rendered from the codes).", "Raisons", "Reasons",
                prop="fragility_reasons", source="fragility_reason_codes"),
              C("fragility_reasons_fr", "reasons", "The same reasons in French.",
                "Raisons (français)", "Reasons (French)", prop="fragility_reasons_fr",
                lang="fr", source="fragility_reason_codes"),
          )),
    Table("fragility_by_year", "metrics/fragility_by_year.csv", None,
          "Each pole's fragility for every year the data covers, up to the as-of year "
          "(later years would read commitments not yet recorded as stops).", (
              _POLE, _NAME,
              C("year", "int", "The year judged (as of that year).", "Année", "Year"),
              C("fragility_score", "float", "As in poles.csv, as of that year.",
                "Score de fragilité", "Fragility score"),
              C("funding_ending", "share", "As in poles.csv.", "Fin des financements "
                "d'amorçage", "End of start-up funding"),
              C("funding_horizon", "share", "As in poles.csv.", "Horizon des financements",
                "Funding horizon"),
              C("funder_concentration", "share", "As in poles.csv.",
                "Dépendance à un financeur", "Dependence on one funder"),
              C("subsidy_dependence", "share", "As in poles.csv.",
                "Plus d'un tiers de subventions (règle des 3/3)",
                "Subsidies above a third (3/3 rule)"),
              C("public_dependence", "share", "As in poles.csv.",
                "Dépendance aux financements publics", "Dependence on public funding"),
              C("key_actor", "share", "As in poles.csv.", "Dépendance à un acteur clé",
                "Dependence on one key actor"),
              C("isolation", "share", "As in poles.csv.", "Membres isolés (part)",
                "Isolated members (share)"),
              C("sector_closure", "share", "As in poles.csv.",
                "Coopération repliée sur les secteurs", "Cooperation closed within sectors"),
              C("coverage", "share", "As in poles.csv.", "Couverture des données",
                "Data coverage"),
              C("fragility_reason_codes", "codes", "As in poles.csv.", "Codes des raisons",
                "Reason codes"),
          )),
    Table("interpole", "metrics/interpole.csv", None,
          "A row per tie between two poles, sorted by (source, target), source < target.", (
              C("source", "id", "One pole (the smaller id).", "Pôle source", "Source pole"),
              C("target", "id", "The other pole.", "Pôle cible", "Target pole"),
              C("source_name", "text", "Name of source.", "Nom de la source", "Source name"),
              C("target_name", "text", "Name of target.", "Nom de la cible", "Target name"),
              C("weight", "int", "Sum of the four parts below.", "Intensité", "Weight"),
              C("shared_members", "int", "Actors members of or animating both.",
                "membres partagés", "shared members"),
              C("shared_funders", "int", "Funders of both (funding at most 30 poles).",
                "financeurs communs", "shared funders"),
              C("joint_projects", "int", "Projects tied to both.", "projets communs",
                "joint projects"),
              C("spin_offs", "int", "spins_off edges between them or their projects.",
                "essaimages", "spin-offs"),
              C("members", "ids", "Ids of the shared members, joined by ';'.",
                "Membres partagés (ids)", "Shared members (ids)"),
              C("funders", "ids", "Ids of the shared funders.", "Financeurs communs (ids)",
                "Shared funders (ids)"),
              C("projects", "ids", "Ids of the joint projects.", "Projets communs (ids)",
                "Joint projects (ids)"),
              C("component", "int", "Connected group of poles (0 is the largest).",
                "Groupe de pôles", "Group of poles"),
              # issue 11: which ties are specific to the pair (poles.html draws only those)
              C("specific_projects", "int", "Joint projects that are not umbrella projects.",
                "projets communs (hors réseau régional)",
                "joint projects (not the regional network)"),
              C("umbrella_projects", "int", "Joint projects that are umbrella projects: joining "
                "more than half of the poles of their region (at least 3), or flagged as a "
                "regional network (project category network, or an umbrella column).",
                "projets fédérateurs", "umbrella projects"),
              C("specific_weight", "int", "shared_members + specific_projects + spin_offs: the "
                "strength of what the two poles share with few others.", "Intensité",
                "Strength"),
              C("specific", "bool", "specific_weight > 0: the tie rests on something specific "
                "to the pair, not only on umbrella projects or shared funders.",
                "Lien propre à la paire", "Specific to the pair"),
              C("umbrella", "ids", "Ids of the umbrella projects among the joint projects.",
                "Projets fédérateurs (ids)", "Umbrella projects (ids)"),
          )),
    Table("funding_timeline", "metrics/funding_timeline.csv", None,
          "Funding each pole receives each year, by funder (grants to the pole and its "
          "projects, spread over their years), sorted by pole, year, funder.", (
              _POLE,
              C("year", "int", "Year.", "Année", "Year"),
              C("funder", "id", "Funder id.", "Financeur", "Funder"),
              C("funder_name", "text", "Funder name.", "Nom du financeur", "Funder name"),
              C("amount", "eur", "EUR that year.", "Montant (EUR)", "Amount (EUR)"),
              C("share", "share", "Share of the pole's funding that year.",
                "Part de l'année", "Share of the year"),
          )),
    Table("funding_cliffs", "metrics/funding_cliffs.csv", None,
          "Years in which a pole's funding falls by more than half with nothing replacing it: "
          "past, and ahead (grants ending without a known renewal).", (
              _POLE, _NAME,
              C("year", "int", "Year of the fall.", "Année", "Year"),
              C("when", "text", "past or ahead.", "Quand", "When"),
              C("funding_before", "eur", "Funding the year before (EUR).",
                "Financements l'année d'avant (EUR)", "Funding the year before (EUR)"),
              C("funding_after", "eur", "Funding that year (EUR).",
                "Financements cette année-là (EUR)", "Funding that year (EUR)"),
              C("drop", "share", "Share of the funding lost.", "Baisse", "Drop"),
              C("ending", "text", "Funders whose grants stop.", "Financeurs qui s'arrêtent",
                "Funders whose grants end"),
          )),
    Table("membership_changes", "metrics/membership_changes.csv", None,
          "Members joining (since) and leaving (until, their last year) each pole.", (
              _POLE,
              C("year", "int", "Year.", "Année", "Year"),
              C("change", "text", "joined or left.", "Changement", "Change"),
              C("member", "id", "Member id.", "Membre", "Member"),
              C("member_name", "text", "Member name.", "Nom du membre", "Member name"),
              C("role", "text", "Role in the pole.", "Rôle", "Role"),
          )),
    Table("top_funder_damage", "metrics/top_funder_damage.csv", None,
          "Each funded pole without its largest funder, hardest hit first (left out past "
          "40 poles: see `ptce-graph simulate --remove-top-funder`).", (
              C("rank", "int", "Rank, 1 = hardest hit.", "Rang", "Rank"),
              _POLE, _NAME,
              C("funder", "id", "The largest funder's id.", "Premier financeur", "Top funder"),
              C("funder_name", "text", "Its name.", "Nom du financeur", "Funder name"),
              C("funding_lost", "eur", "Funding lost (EUR).", "Financements perdus (EUR)",
                "Funding lost (EUR)"),
              C("lost_share", "share", "Share of the pole's funding lost.", "Part perdue",
                "Share lost"),
              C("projects_unfunded", "int", "Projects left without a funder.",
                "Projets sans financeur", "Projects left unfunded"),
              C("fragility_before", "float", "Fragility score before.", "Fragilité avant",
                "Fragility before"),
              C("fragility_after", "float", "Fragility score after.", "Fragilité après",
                "Fragility after"),
              C("fragility_change", "float", "after - before.", "Fragilité avant → après",
                "Fragility before → after"),
              C("reasons_added", "reasons", "Fragility reasons that appear, in English.",
                "Nouvelles raisons", "New reasons"),
              C("reasons_added_fr", "reasons", "The same in French.",
                "Nouvelles raisons (français)", "New reasons (French)", lang="fr",
                source="reasons_added"),
          )),
    Table("recommendations", "metrics/recommendations.csv", None,
          "The top 3 partners proposed to each isolated or peripheral member.", (
              C("member", "id", "Member id.", "Membre", "Member"),
              C("member_name", "text", "Member name.", "Nom du membre", "Member name"),
              C("rank", "int", "Rank, 1 = best.", "Rang", "Rank"),
              C("partner", "id", "Proposed partner's id.", "Partenaire proposé",
                "Suggested partner"),
              C("partner_name", "text", "Its name.", "Nom du partenaire", "Partner name"),
              C("partner_poles", "ids", "Its poles, joined by '; '.", "Pôles du partenaire",
                "Partner's poles"),
              C("score", "float", "Sum of the reasons' weights.", "Score", "Score"),
              C("reasons", "reasons", "Reasons, strongest first, in English.", "Pourquoi",
                "Why"),
              C("reasons_fr", "reasons", "The same in French.", "Pourquoi (français)",
                "Why (French)", lang="fr", source="reasons"),
              C("supporters", "ids", "Who could support this cooperation: the funders and "
                "collectivities that already fund either side (the member, the partner, their "
                "poles or projects), those funding both first, joined by '; '. Never proposed "
                "as partners.", "Qui pourrait soutenir", "Who could support this"),
          )),
)

# Node properties the write-back derives from two tables (nodes and poles) rather than copies
# from one column.
DERIVED_PROPERTIES = {
    "key_actor": "Whether the organisation or collectivity is among the key_actors of a pole.",
    "key_actor_poles": "The poles it is a key actor of (a list of ids).",
}

# Mutable on purpose only through tests that add a table or a metric (monkeypatch.setitem).
TABLES: dict[str, Table] = {t.name: t for t in _TABLES}


def _by_year(funding: Table) -> Table:
    """funding.csv with --by-year: a row per recipient and year (nothing written back: a node
    holds one figure, the run's)."""
    year = C("year", "year", "Year the grants' shares fall in.", "Année", "Year")
    columns = funding.with_column(year, after="recipient_type").columns
    return replace(funding, name="funding_by_year", key=None, replaces="funding",
                   columns=tuple(replace(c, prop=None) for c in columns),
                   description="With --by-year, funding.csv holds a row per recipient and "
                   "year instead (grants spread over their years; grants without a start year "
                   "are left out).")


TABLES["funding_by_year"] = _by_year(TABLES["funding"])


def table(name: str) -> Table:
    return TABLES[name]


def column_label(table_name: str, column: str, lang: str) -> str | None:
    """The label of a column in ``lang``; None when the catalogue does not know it."""
    spec = TABLES.get(table_name)
    if spec is None:
        return None
    try:
        return spec.column(column).label(lang)
    except KeyError:
        return None


def node_facts() -> tuple[str, ...]:
    """The nodes table's columns a node's tooltip shows (non-boolean ones)."""
    return tuple(c.name for c in TABLES["nodes"].columns if c.tooltip and c.type != "bool")


def node_flags() -> tuple[str, ...]:
    """The nodes table's boolean columns a tooltip shows when true."""
    return tuple(c.name for c in TABLES["nodes"].columns if c.tooltip and c.type == "bool")


def write_back_properties(table_name: str) -> dict[str, str]:
    """column -> store property, for the columns of ``table_name`` written back."""
    return {c.name: c.prop for c in TABLES[table_name].columns if c.prop}


def conform(frame: pd.DataFrame, spec: Table) -> pd.DataFrame:
    """``frame`` with the columns of ``spec`` in order (missing ones added empty), and, when
    it has no row, each column of its catalogue type: an empty table keeps its header and its
    boolean columns stay boolean. Rows and values of a non-empty table are left as they are."""
    names = spec.names()
    extra = [c for c in frame.columns if c not in names]
    if extra:
        raise ValueError(f"{spec.name}: columns {extra} are not in the catalogue "
                         "(ptce_graph/catalogue.py)")
    frame = frame.reindex(columns=names)
    if frame.empty:
        frame = frame.astype({c.name: TYPES[c.type] for c in spec.columns})
    return frame


def _reason_values(value):
    """The Reason values of a cell: a tuple (or list) of Reason, or the text form of a codes
    cell; None when the cell holds sentences (or nothing) rather than codes."""
    from .reasons import Reason

    if isinstance(value, Reason):
        return (value,)
    if isinstance(value, (tuple, list)) and all(isinstance(r, Reason) for r in value):
        return tuple(value)
    return None


def rendered(frame: pd.DataFrame, spec: Table, name=None) -> pd.DataFrame:
    """``frame`` as a file shows it: each ``reasons`` column rendered in its language from its
    ``source`` where that holds codes (Reason tuples, or a ``codes`` column), each ``codes``
    column in the language-free text form. Cells holding sentences stay as they are; ``frame``
    itself is left unchanged."""
    from .i18n import render_reasons
    from .reasons import reasons_text

    out = None
    for column in spec.columns:
        source = column.source or column.name
        if (column.type not in ("reasons", "codes") or column.name not in frame.columns
                or source not in frame.columns):
            continue
        cells = []
        for value, own in zip(frame[source], frame[column.name], strict=True):
            found = _codes_of(value, spec, source)
            if found is None:
                cells.append(own)
            elif column.type == "codes":
                cells.append(reasons_text(found) or None)
            else:
                cells.append(render_reasons(found, column.lang, name) or None)
        if any(not (c is o or c == o or (_missing(c) and _missing(o)))
               for c, o in zip(cells, frame[column.name], strict=True)):
            out = frame.copy() if out is None else out
            out[column.name] = cells
    return frame if out is None else out


def render_reason_columns(frame: pd.DataFrame, name=None) -> pd.DataFrame:
    """A table with no catalogue entry (a what-if section) as people read it: every cell of
    Reason codes rendered, in French in a column named ``..._fr``, else in English."""
    from .i18n import render_reasons

    out = frame
    for column in frame.columns:
        if not any(_reason_values(v) is not None for v in frame[column]):
            continue
        lang = "fr" if str(column).endswith("_fr") else "en"
        out = out.copy() if out is frame else out
        out[column] = [render_reasons(found, lang, name) or None
                       if (found := _reason_values(v)) is not None else v for v in frame[column]]
    return out


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _codes_of(value, spec: Table | None, source: str):
    """The Reason values of a cell of column ``source``: Reason tuples, or the text form when
    the catalogue says ``source`` holds codes; None for sentences."""
    from .reasons import parse_reasons

    found = _reason_values(value)
    if (found is None and isinstance(value, str) and spec is not None
            and source in spec.names() and spec.column(source).type == "codes"):
        found = parse_reasons(value)
    return found


def reason_texts(row: Mapping, column: str, words, name=None, table: str | None = None
                 ) -> list[str]:
    """The reasons of ``row[column]`` in ``words.lang``, main one first: rendered through the
    message catalogue where the analysis gave codes (in the column, or in its catalogue
    ``source`` in table ``table``), else the sentences of ``column`` (``column + "_fr"`` in
    French when the row has it)."""
    from .i18n import render_reason
    from .reasons import SEPARATOR

    spec = TABLES.get(table) if table else None
    source = column
    if spec is not None and column in spec.names():
        source = spec.column(column).source or column
    found = _codes_of(row.get(source), spec, source)
    if found is not None:
        return [render_reason(r, words.lang, name) for r in found]
    if words.lang == "fr" and column + "_fr" in row:
        column += "_fr"
    value = row.get(column)
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [r for r in str(value).split(SEPARATOR) if r]


def markdown() -> str:
    """``docs/outputs.md``: every table, its file and its columns."""
    lines = ["# What `ptce-graph analyze` writes under OUT/metrics/", "",
             "Generated from `ptce_graph/catalogue.py` by "
             "`python -m ptce_graph.catalogue > docs/outputs.md`; a test checks it is current.",
             "Types: id, ids (ids joined by ';'), text, reasons (sentences joined by '; '), codes "
             "(language-free reasons, `code{param=value}; ...`), int, year, float, eur, share "
             "(0-1), bool. Property: the node property `analyze --write-back` writes.", ""]
    for spec in TABLES.values():
        if spec.file is None:
            continue
        lines += [f"## `{spec.file}` ({spec.name})", "", spec.description, "",
                  "| column | type | description | label (fr) | label (en) | property |",
                  "|---|---|---|---|---|---|"]
        for c in spec.columns:
            lines.append(f"| `{c.name}` | {c.type} | {c.description} | {c.fr} | {c.en} | "
                         f"{f'`{c.prop}`' if c.prop else ''} |")
        lines.append("")
    lines += ["## Properties written back from two tables", ""]
    lines += [f"- `{name}`: {text}" for name, text in DERIVED_PROPERTIES.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
