"""The words a person reads in the views and the report, in French and English.

French is the default: the people who read these pages (CRESS, pole facilitators, funders) mostly
read French. Data values (names, sectors, fragility reasons written by the analysis) are shown as
they are; only the words around them are translated here."""

from __future__ import annotations

from .errors import OptionError

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "Labels", "labels", "REASON_TEXTS", "render_reason",
           "render_reasons"]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_WORDS: dict[str, tuple[str, str]] = {
    # node and edge types (singular, plural)
    "type.pole": ("Pôle (PTCE)", "Pole (PTCE)"),
    "type.organisation": ("Structure membre", "Member organisation"),
    "type.collectivity": ("Collectivité", "Collectivity"),
    "type.funder": ("Financeur", "Funder"),
    "type.project": ("Projet", "Project"),
    "type.group": ("Groupe de structures", "Group of organisations"),
    "types.pole": ("pôles", "poles"),
    "types.organisation": ("structures membres", "member organisations"),
    "types.collectivity": ("collectivités", "collectivities"),
    "types.funder": ("financeurs", "funders"),
    "types.project": ("projets", "projects"),
    "edge.member_of": ("membre de", "member of"),
    "edge.animates": ("anime", "animates"),
    "edge.participates_in": ("participe à", "participates in"),
    "edge.part_of": ("projet du pôle", "project of the pole"),
    "edge.funds": ("finance", "funds"),
    "edge.cooperates_with": ("coopère avec", "cooperates with"),
    "edge.spins_off": ("essaime vers", "spins off to"),
    "edge.key_actor": ("acteur clé de", "key actor of"),
    "edge.group": ("regroupe", "groups"),
    # attributes and metrics in tooltips and tables
    "attr.type": ("Type", "Type"),
    "attr.sector": ("Secteur", "Sector"),
    "attr.poles": ("Pôles", "Poles"),
    "attr.members": ("Membres", "Members"),
    "attr.funding_total": ("Financements reçus (EUR)", "Funding received (EUR)"),
    "attr.top_funder": ("Premier financeur", "Top funder"),
    "attr.public_share": ("Part publique", "Public share"),
    "attr.key_actors": ("Acteurs clés", "Key actors"),
    "attr.fragility_score": ("Score de fragilité", "Fragility score"),
    "attr.fragility_reasons": ("Raisons", "Reasons"),
    "attr.name": ("Nom", "Name"),
    "attr.pole": ("Pôle", "Pole"),
    "attr.rank": ("Rang", "Rank"),
    "attr.cross_sector": ("Paires inter-secteurs", "Cross-sector pairs"),
    "attr.liaison": ("dont liaison", "of which liaison"),
    "attr.representative_gatekeeper": ("dont représentant / gardien",
                                       "of which representative / gatekeeper"),
    "attr.brokerage_total": ("Paires reliées (total)", "Pairs brokered (total)"),
    "attr.n_poles": ("Nombre de pôles", "Number of poles"),
    "attr.year": ("Année", "Year"),
    "attr.when": ("Quand", "When"),
    "attr.funding_before": ("Financements l'année d'avant (EUR)",
                            "Funding the year before (EUR)"),
    "attr.funding_after": ("Financements cette année-là (EUR)", "Funding that year (EUR)"),
    "attr.drop": ("Baisse", "Drop"),
    "attr.ending": ("Financeurs qui s'arrêtent", "Funders whose grants end"),
    "attr.funding_lost": ("Financements perdus (EUR)", "Funding lost (EUR)"),
    "attr.projects_unfunded": ("Projets sans financeur", "Projects left unfunded"),
    "attr.fragility_change": ("Fragilité avant → après", "Fragility before → after"),
    "attr.reasons_added": ("Nouvelles raisons", "New reasons"),
    "attr.member": ("Membre", "Member"),
    "attr.partner": ("Partenaire proposé", "Suggested partner"),
    "attr.reasons": ("Pourquoi", "Why"),
    # what a tie between two poles is made of (columns of the "interpole" table)
    "interpole.shared_members": ("membres partagés", "shared members"),
    "interpole.shared_funders": ("financeurs communs", "shared funders"),
    "interpole.joint_projects": ("projets communs", "joint projects"),
    "interpole.spin_offs": ("essaimages", "spin-offs"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    # page furniture
    "view.network": ("Réseau des acteurs", "Network of actors"),
    "view.poles": ("Réseau inter-pôles", "Inter-pole network"),
    "view.fragility": ("Financements et fragilité", "Funding and fragility"),
    "view.ego": ("Voisinage de", "Neighbourhood of"),
    "ui.search": ("Rechercher un nom…", "Search a name…"),
    "ui.all_types": ("Tous les types", "All types"),
    "ui.all_sectors": ("Tous les secteurs", "All sectors"),
    "ui.reset": ("Tout afficher", "Show all"),
    "ui.found": ("trouvé(s)", "found"),
    "ui.legend": ("Légende", "Legend"),
    "ui.click_hint": (
        "Cliquez sur un nœud pour mettre en avant ses voisins ; survolez-le pour ses détails.",
        "Click a node to highlight its neighbours; hover it for its details.",
    ),
    "ui.size_betweenness": ("Taille : intermédiarité", "Size: betweenness"),
    "ui.size_members": ("Taille : nombre de membres", "Size: number of members"),
    "ui.size_funding": ("Taille : financements reçus", "Size: funding received"),
    "ui.width_weight": (
        "Épaisseur : intensité (membres, financeurs, projets, essaimages partagés)",
        "Width: strength (shared members, funders, projects, spin-offs)",
    ),
    "ui.width_amount": ("Épaisseur : montant", "Width: amount"),
    "ui.colour_fragility": ("Couleur : score de fragilité", "Colour: fragility score"),
    "ui.colour_top_share": (
        "Couleur des bénéficiaires : part du premier financeur",
        "Recipients' colour: top funder's share",
    ),
    "ui.low": ("faible", "low"),
    "ui.high": ("élevé", "high"),
    "ui.key_actor": ("Acteur clé (étoile)", "Key actor (star)"),
    "ui.recipient": ("Bénéficiaire", "Recipient"),
    "ui.ego_centre": ("Structure centrale", "Centre of the view"),
    "ui.ego_radius": ("rayon", "radius"),
    "ui.budget_notice": (
        "Cette vue montre les {kept} nœuds les plus centraux sur {total} (intermédiarité, puis "
        "degré) ; les {rest} autres sont regroupés par pôle ou par secteur (nœuds gris).",
        "This view shows the {kept} most central of {total} nodes (betweenness, then degree); "
        "the {rest} others are grouped by pole or sector (grey nodes).",
    ),
    "ui.funding_budget_notice": (
        "Cette vue montre {kept} financeurs et bénéficiaires sur {total} : les plus gros "
        "financeurs, puis ceux qui reçoivent le plus ; les {rest} autres sont dans "
        "metrics/funding.csv.",
        "This view shows {kept} of {total} funders and recipients: the largest funders, then "
        "those who receive the most; the {rest} others are in metrics/funding.csv.",
    ),
    "ui.edge_budget_notice": (
        "Les {shown} liens les plus forts sont tracés sur {total}.",
        "The {shown} strongest of {total} ties are drawn.",
    ),
    "ui.static_notice": (
        "Grand réseau : positions calculées à l'avance, sans simulation physique.",
        "Large network: positions computed beforehand, no physics simulation.",
    ),
    "ui.pseudonymised": (
        "Noms des structures membres remplacés par des pseudonymes stables.",
        "Member organisations' names replaced by stable pseudonyms.",
    ),
    "ui.group_members": ("{n} autres structures · {where}", "{n} other organisations · {where}"),
    "ui.group_nodes": ("{n} autres nœuds · {where}", "{n} other nodes · {where}"),
    "ui.no_pole": ("sans pôle", "no pole"),
    "ui.no_sector": ("secteur inconnu", "unknown sector"),
    "ui.empty": ("Rien à afficher.", "Nothing to show."),
    "ui.year": ("Année", "Year"),
    # report
    "report.title": ("Rapport d'analyse", "Analysis report"),
    "report.figures": ("Le jeu de données en chiffres", "The dataset in figures"),
    "report.nodes": ("Nœuds", "Nodes"),
    "report.edges": ("Liens", "Ties"),
    "report.poles_ranked": ("Pôles classés par fragilité", "Poles ranked by fragility"),
    "report.poles_intro": (
        "Du plus fragile au moins fragile. Le score (de 0 à 1) combine l'arrêt des "
        "financements, la dépendance à un financeur, le poids d'un acteur clé, les membres "
        "isolés, la part des subventions (règle des 3/3) et la coopération restée entre "
        "structures d'un même secteur.",
        "Most fragile first. The score (0 to 1) combines funding that stops, dependence on "
        "one funder, the weight of one key actor, isolated members, the share of subsidies "
        "(3/3 rule) and cooperation that stays within one sector.",
    ),
    "report.brokers": ("Les passeurs entre secteurs les plus forts",
                       "The strongest cross-sector brokers"),
    "report.brokers_intro": (
        "Structures qui relient le plus de paires de partenaires de secteurs différents, "
        "sans lien direct entre eux (rôles de courtage de Gould et Fernandez) : à mobiliser "
        "pour connecter les membres isolés.",
        "Organisations that tie the most pairs of partners from different sectors who have no "
        "tie of their own (Gould and Fernandez brokerage roles): the ones to ask to connect "
        "isolated members.",
    ),
    "report.no_brokers": ("Aucune structure ne relie deux secteurs.",
                          "No organisation ties two sectors."),
    "report.multi_pole": ("Membres de deux pôles ou plus", "Members of two or more poles"),
    "report.multi_pole_intro": (
        "Ils font circuler l'information et les projets d'un pôle à l'autre.",
        "They carry information and projects from one pole to another.",
    ),
    "report.more_rows": ("… et {n} autres (voir {file}).", "… and {n} more (see {file})."),
    "report.none_found": ("Aucun.", "None."),
    "report.cliffs": ("Falaises de financement", "Funding cliffs"),
    "report.cliffs_intro": (
        "Années où les financements d'un pôle chutent de plus de moitié sans relais, passées "
        "ou à venir (financements qui s'achèvent sans renouvellement connu). Les falaises à "
        "venir sont en rouge, en tête.",
        "Years in which a pole's funding falls by more than half with nothing replacing it, "
        "past or ahead (grants ending with no known renewal). Cliffs ahead come first, in red.",
    ),
    "report.cliff_past": ("passée", "past"),
    "report.cliff_ahead": ("à venir", "ahead"),
    "report.damage": ("Sans son premier financeur", "Without its largest funder"),
    "report.damage_intro": (
        "Pour chaque pôle financé, son premier financeur se retire : financements perdus, "
        "projets laissés sans financeur et fragilité avant et après. Du plus touché au moins "
        "touché.",
        "For each funded pole, its largest funder withdraws: funding lost, projects left "
        "without a funder, and fragility before and after. Hardest hit first.",
    ),
    "report.damage_skipped": (
        "{poles} pôles : ce scénario n'est calculé dans le rapport que jusqu'à {limit} pôles. "
        "Lancez `ptce-graph simulate JEU --remove-top-funder` sur une région.",
        "{poles} poles: the report computes this scenario up to {limit} poles only. Run "
        "`ptce-graph simulate DATASET --remove-top-funder` on a region.",
    ),
    "report.recommend": ("Qui mettre en relation", "Who to connect"),
    "report.recommend_intro": (
        "Pour chaque membre isolé ou périphérique, les trois partenaires les plus prometteurs "
        "du même pôle ou d'un pôle voisin, jamais un partenaire actuel, avec leurs raisons.",
        "For each isolated or peripheral member, the three most promising partners in the same "
        "or a neighbouring pole, never a current partner, with the reasons.",
    ),
    "report.isolation": ("Membres isolés et périphériques par pôle",
                         "Isolated and peripheral members of each pole"),
    "report.isolated": ("isolés", "isolated"),
    "report.peripheral": ("périphériques", "peripheral"),
    "report.none": ("aucun", "none"),
    "report.funding": ("Concentration des financements", "Funding concentration"),
    "report.funding_intro": (
        "Part du premier financeur et part publique des financements de chaque pôle. Repère : "
        "la règle des 3/3 vise au plus un tiers de subventions.",
        "Share of the top funder and public share of each pole's funding. Reference: the 3/3 "
        "rule aims at no more than one third of subsidies.",
    ),
    "report.top_share_chart": ("Part du premier financeur", "Top funder's share"),
    "report.public_share_chart": ("Part publique des financements", "Public share of funding"),
    "report.hhi_chart": ("Concentration (HHI) des financements", "Funding concentration (HHI)"),
    "report.one_third": ("un tiers", "one third"),
    "report.views": ("Vues interactives", "Interactive views"),
    "report.views_intro": (
        "Fichiers autonomes : ils s'ouvrent sans connexion, dans n'importe quel navigateur.",
        "Self-contained files: they open with no network, in any browser.",
    ),
    "report.as_of.option": ("Situation en {year} (année demandée avec --as-of)",
                            "As of {year} (asked with --as-of)"),
    "report.as_of.declared": ("Situation en {year} (année déclarée par le jeu de données)",
                              "As of {year} (declared by the dataset)"),
    "report.as_of.inferred": (
        "Situation en {year} : année déduite des données (la dernière que la plupart des pôles "
        "atteignent) ; déclarez-la dans meta.csv pour en être sûr",
        "As of {year}: inferred from the data (the latest year most poles' records reach); "
        "declare it in meta.csv to be sure"),
    "report.generated_by": ("Produit par ptce-graph", "Made by ptce-graph"),
    "report.dataset": ("Jeu de données", "Dataset"),
}


def _column_label(key: str, lang: str) -> str | None:
    """``column.TABLE.COLUMN``: the label the catalogue of tables gives that column."""
    if not key.startswith("column."):
        return None
    from .catalogue import column_label

    _, table, column = (key.split(".", 2) + ["", ""])[:3]
    return column_label(table, column, lang)


class Labels:
    """The words of one language: ``labels["type.pole"]``; ``labels["column.nodes.degree"]``:
    the label of a table's column, from :mod:`ptce_graph.catalogue`; unknown keys show as
    themselves (their last part)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._index = LANGUAGES.index(lang)

    def __getitem__(self, key: str) -> str:
        words = _WORDS.get(key)
        if words:
            return words[self._index]
        return _column_label(key, self.lang) or key.split(".", 1)[-1]

    def get(self, key: str, default: str | None = None) -> str:
        words = _WORDS.get(key)
        if words:
            return words[self._index]
        label = _column_label(key, self.lang)
        if label:
            return label
        return key.split(".", 1)[-1] if default is None else default

    def format(self, key: str, **values) -> str:
        return self[key].format(**values)

    def number(self, value, digits: int = 0) -> str:
        """A number as the language writes it: 1 234 567,5 in French, 1,234,567.5 in English."""
        text = f"{float(value):,.{digits}f}"
        if self.lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text

    def percent(self, share) -> str:
        """0.456 -> '46 %' (French) or '46%' (English)."""
        value = f"{float(share) * 100:.0f}"
        return f"{value}\u202f%" if self.lang == "fr" else f"{value}%"


def labels(lang: str | None) -> Labels:
    """The labels of ``lang`` (``None``: the default, French).

    >>> labels("en")["type.pole"]
    'Pole (PTCE)'
    >>> labels("fr").number(1234567.5, 1)
    '1\\u202f234\\u202f567,5'
    """
    lang = (lang or DEFAULT_LANGUAGE).lower()
    if lang not in LANGUAGES:
        raise OptionError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}.")
    return Labels(lang)


# ---------------------------------------------------------------------------- reasons
# The texts of the analysis' reason codes (ptce_graph.reasons), French first. Parameters in
# braces; ``{share}`` is rendered as a percentage, ids named ``funder``/``actor`` by their
# node's name. French texts name the field's criterion, so a chamber can quote them.
# (Issue 9; issue 10 moves rendering into the writers and may absorb render_reason.)
REASON_TEXTS: dict[str, tuple[str, str]] = {
    "funding_stopped": (
        "financement interrompu : aucun financement après {year} (discontinuité des "
        "financements)",
        "funding stopped: no funding after {year} (funding discontinuity)"),
    "funding_ends": (
        "fin des financements d'amorçage ou de programme : {share} des financements de {year} "
        "s'arrêtent sans relais connu",
        "end of start-up or programme funding: {share} of the {year} funding ends with no "
        "known renewal"),
    "funding_withdrawn": ("tous ses financements sont retirés", "all its funding is withdrawn"),
    "funding_short": (
        "financements insuffisants : en {year}, {share} du budget du pôle n'est couvert ni "
        "par ses recettes propres ni par des financements connus",
        "funding short: in {year}, {share} of the pole's budget is covered neither by its own "
        "revenue nor by known funding"),
    "funding_uncommitted": (
        "aucun engagement de financement connu au-delà de {year} (la consolidation d'un pôle "
        "prend plus de 5 ans, les financeurs s'engagent souvent pour 3)",
        "no funding committed beyond {year} (consolidating a pole takes more than 5 years, "
        "while funders often commit for 3)"),
    "single_funder": (
        "dépendance à un seul financeur : {funder} apporte tous les financements",
        "dependence on one funder: all funding comes from {funder}"),
    "top_funder_share": (
        "dépendance à un financeur : {share} des financements viennent de {funder}",
        "dependence on one funder: {share} of funding comes from {funder}"),
    "subsidy_share_above_third": (
        "plus d'un tiers de subventions (règle des 3/3) : {share} du budget {basis_fr}",
        "more than a third subsidies (3/3 rule): {share} of the {basis_en} budget"),
    "public_dependence": (
        "dépendance aux financements publics : {share} du budget ne sont couverts ni par "
        "des recettes propres ni par des financeurs privés",
        "dependence on public funding: {share} of the budget is covered neither by own "
        "revenue nor by private funders"),
    "key_actor": (
        "dépendance à un acteur clé : sans {actor}, {cut} des {others} autres acteurs "
        "sont coupés du réseau",
        "dependence on one key actor: without {actor}, {cut} of the {others} other actors "
        "are cut off"),
    "isolated_members": (
        "coopération inachevée : {count} des {members} membres n'ont aucun lien de coopération",
        "unfinished cooperation: {count} of {members} members have no cooperation tie"),
    "closed_within_sectors": (
        "coopération repliée sur les secteurs : seuls {share} des liens relient des secteurs "
        "différents",
        "cooperation closed within sectors: only {share} of ties cross sectors"),
    "not_enough_data": (
        "données insuffisantes pour un score : manquent {missing_fr}",
        "not enough data for a score: missing {missing_en}"),
}
_BASIS = {"pole": ("du pôle", "pole's own"),
          "members": ("consolidé des membres, faute de chiffres du pôle",
                      "members' consolidated (no figures for the pole itself)")}
_MISSING = {"funding": ("financements", "funding"), "members": ("membres", "members"),
            "economic_model": ("modèle économique (budget, recettes propres)",
                               "economic model (budget, own revenue)"),
            "cooperation": ("liens de coopération", "cooperation ties")}


def render_reason(item, lang: str | None = None, name=None) -> str:
    """One :class:`ptce_graph.reasons.Reason` as a sentence in ``lang`` (default French).
    ``name(id)`` gives a node's display name (ids are shown as they are without it); unknown
    codes show in their language-free form.

    >>> from ptce_graph.reasons import reason
    >>> render_reason(reason("funding_stopped", year=2018), "en")
    'funding stopped: no funding after 2018 (funding discontinuity)'
    """
    words = labels(lang)
    texts = REASON_TEXTS.get(item.code)
    if texts is None:
        return str(item)
    params = item.params_dict()
    values: dict = {}
    for key, value in params.items():
        if key == "share":
            values[key] = words.percent(value)
        elif key in ("funder", "actor") and name is not None:
            values[key] = name(value)
        else:
            values[key] = value
    if "basis" in params:
        values["basis_fr"], values["basis_en"] = _BASIS.get(params["basis"],
                                                            (params["basis"],) * 2)
    if "missing" in params:
        parts = [_MISSING.get(p, (p, p)) for p in str(params["missing"]).split("+") if p]
        values["missing_fr"] = ", ".join(p[0] for p in parts)
        values["missing_en"] = ", ".join(p[1] for p in parts)
    return texts[words._index].format(**values)


def render_reasons(items, lang: str | None = None, name=None) -> str:
    """Reasons rendered by :func:`render_reason`, joined by ``"; "`` (empty for none)."""
    return "; ".join(render_reason(r, lang, name) for r in items)
