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
    # ---- views and report of issue 11 (inter-pole ties, fragility view, glossary)
    "interpole.specific_projects": ("projets communs (hors réseau régional)",
                                    "joint projects (not the regional network)"),
    "ui.and_more": ("et {n} autres", "and {n} more"),
    "ui.layer_funders": ("Afficher les financeurs communs", "Show shared funders"),
    "ui.layer_funders_legend": ("Financeurs communs (case à cocher en haut)",
                                "Shared funders (tick the box above)"),
    "ui.umbrella_notice": (
        "Non tracés : les liens qui ne passent que par « {names} », qui réunit la plupart des "
        "pôles de la région, ou par des financeurs communs.",
        "Not drawn: ties resting only on “{names}”, which joins most poles of the region, or "
        "on shared funders.",
    ),
    "ui.poles_subtitle": (
        "{drawn} liens spécifiques sur {pairs} paires de pôles · {lonely} pôle(s) sans lien "
        "spécifique",
        "{drawn} specific ties of {pairs} pairs of poles · {lonely} pole(s) with no specific tie",
    ),
    "ui.unknown": ("gris : inconnu (données insuffisantes)", "grey: unknown (not enough data)"),
    "ui.width_specific": (
        "Lien propre à la paire ; épaisseur : membres, projets et essaimages partagés",
        "Tie specific to the pair; width: shared members, projects and spin-offs",
    ),
    "ui.colour_pole_fragility": ("Couleur des pôles : score de fragilité (0 à 1)",
                                 "Poles' colour: fragility score (0 to 1)"),
    "ui.size_funding_amount": (
        "Taille : financements reçus ou donnés ; épaisseur des liens : montant",
        "Size: funding received or given; width of ties: amount",
    ),
    "ui.score": ("fragilité", "fragility"),
    "ui.glossary": ("Glossaire", "Glossary"),
    "glossary_term.specific_tie": ("Lien spécifique", "Specific tie"),
    "glossary_term.umbrella_project": ("Projet fédérateur (réseau régional)",
                                       "Umbrella project (regional network)"),
    "glossary_term.shared_funders": ("Financeurs communs", "Shared funders"),
    "glossary_term.top_funder_share": ("Part du premier financeur", "Top funder's share"),
    "glossary_term.hhi": ("Concentration des financements (HHI)",
                          "Funding concentration (HHI)"),
    "glossary.fragility_score": (
        "De 0 (solide) à 1 (très fragile) : combine l'arrêt des financements, la dépendance à "
        "un financeur ou à un acteur clé, les membres isolés, la part des subventions et une "
        "coopération restée dans un seul secteur. Gris : pas assez de données pour le calculer.",
        "From 0 (solid) to 1 (very fragile): combines funding that stops, dependence on one "
        "funder or one key actor, isolated members, the share of subsidies and cooperation "
        "that stays within one sector. Grey: not enough data to compute it.",
    ),
    "glossary.specific_tie": (
        "Deux pôles sont reliés par quelque chose qui leur est propre : des structures membres "
        "des deux, un projet commun qui n'est pas le réseau régional, ou un essaimage de l'un "
        "vers l'autre.",
        "Two poles tied by something of their own: organisations members of both, a joint "
        "project that is not the regional network, or a spin-off from one to the other.",
    ),
    "glossary.umbrella_project": (
        "Projet qui réunit la plupart des pôles d'une région (ou signalé comme réseau "
        "régional) : il relie tout le monde, donc il ne dit pas qui coopère avec qui.",
        "A project joining most poles of a region (or flagged as the regional network): it "
        "ties everyone, so it does not say who cooperates with whom.",
    ),
    "glossary.shared_funders": (
        "Financeurs qui soutiennent les deux pôles : un point commun, pas une coopération ; "
        "c'est pourquoi cette couche est masquée au départ.",
        "Funders that support both poles: something in common, not cooperation; that is why "
        "this layer is hidden at first.",
    ),
    "glossary.top_funder_share": (
        "Part des financements reçus qui vient du premier financeur : au-delà de la moitié, "
        "le départ de ce financeur met la structure en danger.",
        "Share of the funding received that comes from the largest funder: above one half, "
        "that funder leaving puts the organisation at risk.",
    ),
    "glossary.hhi": (
        "Indice de Herfindahl : somme des carrés des parts de chaque financeur, de presque 0 "
        "(financements très répartis) à 1 (un seul financeur).",
        "Herfindahl index: the sum of the squared shares of each funder, from almost 0 "
        "(funding spread widely) to 1 (one funder).",
    ),
    "glossary.public_share": (
        "Part des financements qui vient de collectivités et de financeurs publics ; la règle "
        "des 3/3 vise au plus un tiers de subventions.",
        "Share of funding from collectivities and public funders; the 3/3 rule aims at no more "
        "than one third of subsidies.",
    ),
    "glossary.key_actors": (
        "Structures dont le départ couperait le plus le réseau du pôle : ceux sur qui tout "
        "repose.",
        "Organisations whose departure would cut the pole's network the most: those everything "
        "rests on.",
    ),
    "glossary.degree": ("Nombre de partenaires directs.", "Number of direct partners."),
    "glossary.betweenness": (
        "Part des plus courts chemins entre deux structures qui passent par celle-ci : plus "
        "elle est haute, plus la structure sert d'intermédiaire.",
        "Share of the shortest paths between two organisations that go through this one: the "
        "higher, the more it acts as a go-between.",
    ),
    "glossary.closeness": (
        "À quel point la structure est proche de toutes les autres (en nombre de liens) : "
        "haute, l'information l'atteint vite.",
        "How close the organisation is to all the others (in ties): high, information reaches "
        "it fast.",
    ),
    "glossary.eigenvector": (
        "Haute quand on est relié à des structures elles-mêmes très reliées : l'influence par "
        "ses relations.",
        "High when tied to organisations that are themselves well tied: influence through "
        "one's relations.",
    ),
    "glossary.pagerank": (
        "Variante de la centralité de vecteur propre (celle de Google) : l'importance reçue "
        "de ses partenaires.",
        "A variant of eigenvector centrality (Google's): importance received from one's "
        "partners.",
    ),
    "glossary.constraint": (
        "Contrainte de Burt : plus elle est basse, plus la structure relie des partenaires qui "
        "ne se connaissent pas (elle a des opportunités) ; haute, ses partenaires se "
        "connaissent tous.",
        "Burt's constraint: the lower, the more the organisation ties partners who do not know "
        "each other (it has opportunities); high, its partners all know each other.",
    ),
    "glossary.effective_size": (
        "Nombre de partenaires qui n'ont pas de lien entre eux : les réseaux différents que "
        "la structure atteint.",
        "Number of partners not tied to each other: the different networks the organisation "
        "reaches.",
    ),
    "glossary.core_number": (
        "Profondeur dans le cœur du réseau : k signifie faire partie d'un groupe où chacun a "
        "au moins k partenaires dans le groupe.",
        "Depth in the network's core: k means belonging to a group where everyone has at "
        "least k partners in the group.",
    ),
    "glossary.community": (
        "Groupe de structures plus liées entre elles qu'avec le reste (numéro du groupe).",
        "A group of organisations more tied to each other than to the rest (its number).",
    ),
    "glossary.sector_participation": (
        "De 0 (partenaires d'un seul secteur) à près de 1 (partenaires de nombreux secteurs).",
        "From 0 (partners in one sector) to nearly 1 (partners in many sectors).",
    ),
    "glossary.articulation_point": (
        "Sans cette structure, le réseau se couperait en morceaux.",
        "Without this organisation, the network would fall apart into pieces.",
    ),
    "glossary.cross_sector_share": (
        "Part des liens de coopération qui relient deux secteurs différents.",
        "Share of cooperation ties between two different sectors.",
    ),
    "glossary.own_revenue_share": (
        "Part du budget couverte par des ressources propres (ventes, services).",
        "Share of the budget covered by own revenue (sales, services).",
    ),
    "glossary.isolated": (
        "Membre sans aucun lien de coopération dans le pôle.",
        "A member with no cooperation tie in the pole.",
    ),
    "glossary.peripheral": (
        "Membre relié au pôle par un seul partenaire.",
        "A member tied to the pole through one partner only.",
    ),
    "glossary.funding_ends": (
        "Dernière année couverte par un financement connu.",
        "Last year covered by a known grant.",
    ),
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
    # the lines `analyze` prints after a run
    "console.approximation": ("Approximation : {metric} par {method} ; {bound}",
                              "Approximation: {metric} by {method}; {bound}"),
    "console.cliff_ahead": (
        "Falaise de financement à venir : {name} en {year} (-{drop}, s'arrêtent : {ending})",
        "Funding cliff ahead: {name} in {year} (-{drop}, ending: {ending})"),
    "console.several": ("plusieurs", "several"),
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
        "Par pôle, pour chaque membre isolé ou périphérique, les partenaires les plus "
        "prometteurs du même pôle ou d'un pôle voisin, jamais un partenaire actuel, avec leurs "
        "raisons ; ce qui vaut pour tous est dit une fois. La liste complète est dans "
        "metrics/recommendations.csv.",
        "Per pole, for each isolated or peripheral member, the most promising partners in the "
        "same or a neighbouring pole, never a current partner, with the reasons; what holds "
        "for all is said once. The full list is in metrics/recommendations.csv.",
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
    "attr.specific_weight": ("Intensité", "Strength"),
    "report.time": ("Financements et fragilité au fil des années",
                    "Funding and fragility over the years"),
    "report.time_intro": (
        "Pour chaque pôle, du plus fragile au moins fragile : les financements reçus chaque "
        "année, par financeur (un trait gris au ras de l'axe : aucun financement cette "
        "année-là), et la date d'analyse en rouge.",
        "For each pole, most fragile first: the funding received each year, by funder (a grey "
        "line on the axis: no funding that year), and the as-of year in red.",
    ),
    "report.no_fragility_by_year": (
        "Le score de fragilité année par année n'est pas tracé : ce résultat "
        "(metrics/fragility_by_year.csv) n'est pas disponible pour cette analyse.",
        "The fragility score year by year is not drawn: that result "
        "(metrics/fragility_by_year.csv) is not available for this analysis.",
    ),
    "report.as_of_marker": ("situation : {year}", "as of {year}"),
    "report.other_funders": ("autres financeurs", "other funders"),
    "report.interpole": ("Coopération entre pôles", "Cooperation between poles"),
    "report.interpole_intro": (
        "{drawn} des {pairs} paires de pôles ont un lien qui leur est propre : des structures "
        "membres des deux, un projet commun (hors réseau régional) ou un essaimage.",
        "{drawn} of the {pairs} pairs of poles have a tie of their own: organisations members "
        "of both, a joint project (not the regional network) or a spin-off.",
    ),
    "report.interpole_umbrella": (
        "« {names} » réunit la plupart des pôles : il ne compte pas comme lien entre deux "
        "pôles, pas plus que les financeurs communs.",
        "“{names}” joins most poles: it does not count as a tie between two poles, nor do "
        "shared funders.",
    ),
    "report.strongest_pairs": ("Les liens les plus forts", "The strongest ties"),
    "report.basis": ("Sur quoi repose le lien", "What the tie rests on"),
    "report.lonely_poles": ("Pôles sans lien propre avec un autre pôle",
                            "Poles with no tie of their own to another pole"),
    "report.matrix": ("Tableau des liens entre pôles", "Ties between poles, as a table"),
    "report.matrix_intro": (
        "Chaque case donne l'intensité du lien propre à la paire (membres, projets et "
        "essaimages partagés) ; plus la case est foncée, plus le lien est fort ; vide : aucun "
        "lien propre. Les colonnes sont numérotées comme les lignes.",
        "Each cell gives the strength of the tie specific to the pair (shared members, "
        "projects and spin-offs); the darker, the stronger; empty: no tie of their own. "
        "Columns are numbered as the rows.",
    ),
    "report.partners_reasons": ("Partenaires proposés, du meilleur au suivant, et pourquoi",
                                "Suggested partners, best first, and why"),
    "report.for_all": ("Pour tous : ", "For all: "),
    "report.more_partners": ("{n} autre(s) partenaire(s) proposé(s)",
                             "{n} more suggested partner(s)"),
    "report.more_members": ("{n} autre(s) membre(s) de ce pôle",
                            "{n} more member(s) of this pole"),
    "report.members_count": ("{n} membre(s) à relier", "{n} member(s) to connect"),
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


# ---------------------------------------------------------------- collecting the network
# The workbook to fill in (template.py) and the roster survey (survey.py). Sheet names, headers
# and cell values in French must be read back by ingest.py: tests/collection checks each one
# with schema.canonical_column / canonical_value.
_COLLECTION_WORDS: dict[str, tuple[str, str]] = {
    "sheet.nodes": ("noeuds", "nodes"),
    "sheet.edges": ("liens", "edges"),
    "sheet.help": ("aide", "help"),
    "sheet.lists": ("listes", "lists"),
    # headers of the two sheets (French ones are aliases the reader knows)
    "header.id": ("identifiant", "id"),
    "header.type": ("type", "type"),
    "header.name": ("nom", "name"),
    "header.category": ("catégorie", "category"),
    "header.sector": ("secteur", "sector"),
    "header.ess": ("ESS", "ess"),
    "header.territory": ("territoire", "territory"),
    "header.region": ("région", "region"),
    "header.siren": ("SIREN", "siren"),
    "header.siret": ("SIRET", "siret"),
    "header.employees": ("salariés", "employees"),
    "header.budget": ("budget", "budget"),
    "header.own_revenue": ("recettes propres", "own_revenue"),
    "header.founded": ("création", "founded"),
    "header.status": ("statut", "status"),
    "header.surveyed": ("enquêtée", "surveyed"),
    "header.responded": ("a répondu", "responded"),
    "header.source": ("origine", "source"),
    "header.target": ("cible", "target"),
    "header.role": ("rôle", "role"),
    "header.since": ("depuis", "since"),
    "header.until": ("jusqu'à", "until"),
    "header.amount": ("montant (€)", "amount"),
    "header.start": ("début", "start"),
    "header.end": ("fin", "end"),
    "header.purpose": ("objet", "purpose"),
    "header.programme": ("dispositif", "programme"),
    "header.kind": ("nature", "kind"),
    "header.weight": ("poids", "weight"),
    "header.strength": ("intensité", "strength"),
    "header.confirmed": ("confirmé", "confirmed"),
    "header.reported_by": ("déclaré par", "reported_by"),
    "header.about": ("sur quoi", "about"),
    # what each header's note says it expects
    "note.nodes.id": ("Identifiant unique, que les liens reprennent (ex. org-, pole-, col-).",
                      "Unique identifier, used by the edges (e.g. org-, pole-, col-)."),
    "note.nodes.type": ("Ce qu'est le nœud : voir la feuille d'aide.",
                        "What the node is: see the help sheet."),
    "note.nodes.name": ("Nom affiché.", "Display name."),
    "note.nodes.category": (
        "Forme juridique ou institutionnelle, selon le type (structure, collectivité, "
        "financeur). Une autre valeur est acceptée avec un avertissement.",
        "Legal or institutional kind, per type (organisation, collectivity, funder). Another "
        "value is accepted with a warning."),
    "note.nodes.sector": ("Secteur d'activité, écrit toujours de la même façon.",
                          "Activity sector, always spelled the same way."),
    "note.nodes.ess": ("La structure fait-elle partie de l'économie sociale et solidaire ?",
                       "Is it part of the social and solidarity economy?"),
    "note.nodes.territory": ("Territoire (pays, intercommunalité, ville).",
                             "Territory (pays, EPCI, town)."),
    "note.nodes.region": ("Région.", "French region."),
    "note.nodes.siren": ("9 chiffres avec une clé de Luhn valide.",
                         "9 digits with a valid Luhn key."),
    "note.nodes.siret": ("14 chiffres avec une clé de Luhn valide.",
                         "14 digits with a valid Luhn key."),
    "note.nodes.employees": ("Effectif (ou ETP).", "Headcount (or FTE)."),
    "note.nodes.budget": ("Budget annuel en euros.", "Yearly budget in EUR."),
    "note.nodes.own_revenue": ("Recettes propres annuelles (ventes, prestations), en euros.",
                               "Yearly own revenue (sales, services), EUR."),
    "note.nodes.founded": ("Année de création.", "Year of creation."),
    "note.nodes.status": ("Pour les pôles seulement.", "Poles only."),
    "note.nodes.surveyed": (
        "Écrit par « survey collect » : années des enquêtes envoyées à la structure.",
        "Written by `survey collect`: years of the surveys the organisation was sent."),
    "note.nodes.responded": (
        "Écrit par « survey collect » : années des enquêtes auxquelles elle a répondu.",
        "Written by `survey collect`: years of the surveys it answered."),
    "note.edges.source": ("Identifiant du nœud de départ (feuille des nœuds).",
                          "Id of the source node (nodes sheet)."),
    "note.edges.target": ("Identifiant du nœud d'arrivée (feuille des nœuds).",
                          "Id of the target node (nodes sheet)."),
    "note.edges.type": ("Nature du lien : voir la feuille d'aide pour les paires permises.",
                        "Kind of tie: see the help sheet for the pairs it allows."),
    "note.edges.role": ("« membre de » : fondateur, membre, partenaire ; « participe à » : "
                        "porteur, partenaire.",
                        "member_of: founder, member, partner; participates_in: lead, "
                        "partner."),
    "note.edges.since": ("Année ou date (AAAA-MM-JJ) du début du lien.",
                         "Year or date (YYYY-MM-DD) the tie began."),
    "note.edges.until": ("Année ou date de fin du lien (pas avant « depuis »).",
                         "Year or date the tie ended (not before since)."),
    "note.edges.amount": ("« finance » : montant total en euros sur début..fin.",
                          "funds: total EUR over start..end."),
    "note.edges.start": ("« finance » : première année.", "funds: first year."),
    "note.edges.end": ("« finance » : dernière année, incluse.", "funds: last year, inclusive."),
    "note.edges.purpose": ("« finance » : ce que le financement paie.",
                           "funds: what the grant pays for."),
    "note.edges.programme": ("« finance » : dispositif ou programme.", "funds: programme."),
    "note.edges.kind": ("« coopère avec » : nature du lien.", "cooperates_with: kind of tie."),
    "note.edges.weight": ("« coopère avec » : intensité chiffrée (1 si vide).",
                          "cooperates_with: strength as a number (1 when empty)."),
    "note.edges.strength": ("« coopère avec » déclaré dans une enquête : intensité.",
                            "cooperates_with from a survey: how strong."),
    "note.edges.confirmed": ("« coopère avec » d'une enquête : les deux côtés l'ont cité.",
                             "cooperates_with from a survey: both sides named it."),
    "note.edges.reported_by": ("« coopère avec » d'une enquête : identifiants de qui l'a cité, "
                               "séparés par « ; ».",
                               "cooperates_with from a survey: ids of who named it, "
                               "';'-separated."),
    "note.edges.about": ("« coopère avec » d'une enquête : sur quoi, tel que répondu.",
                         "cooperates_with from a survey: on what, as answered."),
    "note.meta.as_of": (
        "L'année que décrit le jeu de données (la référence de l'analyse). Exemple : 2025",
        "The year the dataset describes (what the analysis judges as of). Example: 2025"),
    "note.required": ("Obligatoire.", "Required."),
    "note.values": ("Valeurs : {values}", "Values: {values}"),
    "note.example": ("Exemple : {example}", "Example: {example}"),
    # cell values as the workbook shows them (French ones are aliases the reader knows)
    "cell.bool.true": ("oui", "true"),
    "cell.bool.false": ("non", "false"),
    "cell.type.pole": ("pôle", "pole"),
    "cell.type.organisation": ("structure", "organisation"),
    "cell.type.collectivity": ("collectivité", "collectivity"),
    "cell.type.funder": ("financeur", "funder"),
    "cell.type.project": ("projet", "project"),
    "cell.type.member_of": ("membre de", "member_of"),
    "cell.type.animates": ("anime", "animates"),
    "cell.type.participates_in": ("participe à", "participates_in"),
    "cell.type.part_of": ("fait partie de", "part_of"),
    "cell.type.funds": ("finance", "funds"),
    "cell.type.cooperates_with": ("coopère avec", "cooperates_with"),
    "cell.type.spins_off": ("essaime", "spins_off"),
    "cell.category.association": ("association", "association"),
    "cell.category.cooperative": ("coopérative", "cooperative"),
    "cell.category.insertion": ("insertion", "insertion"),
    "cell.category.company": ("entreprise", "company"),
    "cell.category.training": ("formation", "training"),
    "cell.category.research": ("recherche", "research"),
    "cell.category.network": ("réseau", "network"),
    "cell.category.mutual": ("mutuelle", "mutual"),
    "cell.category.foundation": ("fondation", "foundation"),
    "cell.category.other": ("autre", "other"),
    "cell.category.commune": ("commune", "commune"),
    "cell.category.epci": ("intercommunalité", "epci"),
    "cell.category.departement": ("département", "departement"),
    "cell.category.region": ("région", "region"),
    "cell.category.state": ("État", "state"),
    "cell.category.eu": ("UE", "eu"),
    "cell.category.public": ("publique", "public"),
    "cell.category.private": ("privé", "private"),
    "cell.category.bank": ("banque", "bank"),
    "cell.role.founder": ("fondateur", "founder"),
    "cell.role.member": ("membre", "member"),
    "cell.role.partner": ("partenaire", "partner"),
    "cell.role.lead": ("porteur", "lead"),
    "cell.status.active": ("actif", "active"),
    "cell.status.standby": ("en veille", "standby"),
    "cell.status.inactive": ("inactif", "inactive"),
    "cell.purpose.animation": ("animation", "animation"),
    "cell.purpose.operation": ("fonctionnement", "operation"),
    "cell.purpose.investment": ("investissement", "investment"),
    "cell.strength.occasional": ("échanges ponctuels", "occasional exchanges"),
    "cell.strength.regular": ("coopération régulière", "regular cooperation"),
    "cell.strength.joint": ("projet commun ou activité partagée",
                            "joint project or shared activity"),
    # the help sheet
    "help.title": ("Remplir le classeur d'un PTCE", "Filling in a PTCE workbook"),
    "help.intro": (
        "Une ligne par acteur dans « noeuds », une ligne par lien dans « liens ». Les listes "
        "déroulantes donnent les valeurs permises ; chaque en-tête porte une note. Vérifiez "
        "ensuite avec : ptce-graph validate {file}",
        "One row per actor in 'nodes', one row per tie in 'edges'. Drop-down lists give the "
        "allowed values; each header carries a note. Then check it with: ptce-graph validate "
        "{file}"),
    "help.node_types": ("Les types de nœuds", "Node types"),
    "help.edge_types": ("Les types de liens", "Tie types"),
    "help.col_value": ("valeur", "value"),
    "help.col_meaning": ("ce que c'est dans un PTCE", "what it is in a PTCE"),
    "help.col_pairs": ("de -> vers", "from -> to"),
    "help.col_example": ("exemple", "example"),
    "help.example": ("Un exemple rempli (un petit pôle fictif)",
                     "A filled example (a small fictional pole)"),
    "help.node.pole": (
        "Le PTCE lui-même : le pôle territorial de coopération économique.",
        "The PTCE itself: the territorial cluster of economic cooperation."),
    "help.node.organisation": (
        "Une structure membre ou partenaire : association, SCIC, SCOP, SIAE, entreprise, "
        "organisme de formation ou de recherche, réseau, mutuelle.",
        "A member or partner organisation: association, cooperative, work-integration "
        "enterprise, company, training or research body, network, mutual."),
    "help.node.collectivity": (
        "Une collectivité : commune, intercommunalité, département, région, État, UE.",
        "A local authority: commune, EPCI, département, region, State, EU."),
    "help.node.funder": (
        "Un financeur qui n'est pas une collectivité : Caisse des Dépôts, France Active, "
        "fondation, banque.",
        "A funder that is not a collectivity: Caisse des Dépôts, France Active, foundation, "
        "bank."),
    "help.node.project": (
        "Un projet commun du pôle : ressourcerie, conciergerie de territoire, tiers-lieu.",
        "A common project of the pole: reuse centre, territory concierge, third place."),
    "help.edge.member_of": ("Adhésion au pôle (rôle : fondateur, membre, partenaire).",
                            "Membership of the pole (role: founder, member, partner)."),
    "help.edge.animates": ("La structure qui porte l'animation du pôle.",
                           "The organisation carrying the pole's animation."),
    "help.edge.participates_in": ("Participation à un projet (rôle : porteur, partenaire).",
                                  "Taking part in a project (role: lead, partner)."),
    "help.edge.part_of": ("Le projet est un projet du pôle.", "The project is one of the pole's."),
    "help.edge.funds": ("Un financement : montant total, début, fin, objet, dispositif.",
                        "A grant: total amount, start, end, purpose, programme."),
    "help.edge.cooperates_with": (
        "Deux structures qui coopèrent (sans sens : a-b et b-a sont le même lien).",
        "Two organisations that cooperate (no direction: a-b and b-a are one tie)."),
    "help.edge.spins_off": ("Essaimage d'un pôle ou d'un projet vers un autre.",
                            "Spinning a pole or project off to another."),
    "help.or": ("ou", "or"),
    # the roster survey: the questionnaire
    "survey.sheet": ("questionnaire", "questionnaire"),
    "survey.title": ("Avec qui coopérez-vous ? Enquête {year} : {poles}",
                     "Who do you cooperate with? Survey {year}: {poles}"),
    "survey.respondent": ("Structure qui répond", "Responding organisation"),
    "survey.respondent_id": ("Identifiant", "Id"),
    "survey.check_code": ("Code de contrôle", "Check code"),
    "survey.instructions": (
        "Pour chaque structure de la liste, choisissez dans la colonne « votre lien avec "
        "elle » : pas de lien, échanges ponctuels, coopération régulière, ou projet commun ou "
        "activité partagée ; précisez si vous le voulez sur quoi. Ajoutez en bas les "
        "partenaires qui ne sont pas dans la liste. Ne modifiez ni l'identifiant ni le code de "
        "contrôle, et renvoyez le fichier à l'animateur du pôle.",
        "For each organisation of the list, choose in the column 'your tie with it': no tie, "
        "occasional exchanges, regular cooperation, or joint project or shared activity; say "
        "on what if you wish. Add below the partners who are not in the list. Change neither "
        "the id nor the check code, and send the file back to the pole's facilitator."),
    "survey.col.id": ("identifiant", "id"),
    "survey.col.name": ("structure", "organisation"),
    "survey.col.sector": ("secteur", "sector"),
    "survey.col.pole": ("pôle", "pole"),
    "survey.col.answer": ("votre lien avec elle", "your tie with it"),
    "survey.col.about": ("sur quoi (facultatif)", "on what (optional)"),
    "survey.outside": ("Partenaires hors de la liste (facultatif)",
                       "Partners outside the list (optional)"),
    "survey.col.partner": ("nom du partenaire", "partner's name"),
    "survey.col.partner_sector": ("secteur ou type", "sector or kind"),
    "survey.answer.none": ("pas de lien", "no tie"),
    # the roster survey: the collect report
    "survey.report.title": (
        "Enquête {year} ({dataset}) : {respondents} réponses sur {members} structures "
        "interrogées ({rate})",
        "Survey {year} ({dataset}): {respondents} answers from {members} organisations "
        "surveyed ({rate})"),
    "survey.report.ties": (
        "Liens : {ties}, dont {confirmed} confirmés des deux côtés et {one_sided} cités d'un "
        "seul côté",
        "Ties: {ties}, {confirmed} confirmed by both sides and {one_sided} named by one side "
        "only"),
    "survey.report.pole": ("Pôle {pole} ({id}) : {respondents} réponses sur {members} ({rate})",
                           "Pole {pole} ({id}): {respondents} answers from {members} ({rate})"),
    "survey.report.non_respondents": ("  Sans réponse ({n}) : {names}",
                                      "  No answer ({n}): {names}"),
    "survey.report.one_sided": ("  Liens cités d'un seul côté ({n}) :",
                                "  Ties named by one side only ({n}):"),
    "survey.report.one_sided_line": ("    {a} a cité {b} : {why}", "    {a} named {b}: {why}"),
    "survey.why.no_answer": ("sans réponse de l'autre côté", "no answer from the other side"),
    "survey.why.not_named": ("l'autre côté a répondu sans le citer",
                             "the other side answered without naming it"),
    "survey.why.outside": ("l'autre côté n'était pas interrogé",
                           "the other side was not surveyed"),
    "survey.report.outside": ("  Partenaires hors liste ({n}) :",
                              "  Partners outside the list ({n}):"),
    "survey.report.outside_line": ("    {respondent} : {partner} ({answer})",
                                   "    {respondent}: {partner} ({answer})"),
    "survey.report.outside_known": (" = {node} dans le jeu de données",
                                    " = {node} in the dataset"),
    "survey.report.files": ("Fichiers écartés, remplacés ou à vérifier ({n}) :",
                            "Files rejected, replaced or to check ({n}):"),
    "survey.report.file_line": ("  {file} : {status} : {reason}", "  {file}: {status}: {reason}"),
    "survey.report.closed": (
        "Liens d'une enquête précédente qu'aucun répondant ne cite plus : {n} (terminés en "
        "{year})",
        "Ties of an earlier survey that no respondent names any more: {n} (ended in {year})"),
    "survey.report.carried": (
        "Liens d'une enquête précédente gardés, aucun des deux côtés n'ayant répondu : {n}",
        "Ties of an earlier survey kept, neither side having answered: {n}"),
    "survey.report.none": ("aucun", "none"),
    "survey.status.used": ("utilisé", "used"),
    "survey.status.rejected": ("écarté", "rejected"),
    "survey.status.replaced": ("remplacé", "replaced"),
    "survey.status.warning": ("à vérifier", "to check"),
    "survey.reason.not_a_questionnaire": (
        "pas un questionnaire de ptce-graph (pas de feuille « ptce-graph »)",
        "not a ptce-graph questionnaire (no 'ptce-graph' sheet)"),
    "survey.reason.unreadable": ("illisible : {error}", "unreadable: {error}"),
    "survey.reason.not_read": (
        "fichier {suffix} non lu : enregistrez le questionnaire en .xlsx (Excel) ou "
        "l'export du formulaire en .csv",
        "{suffix} file not read: save the questionnaire as .xlsx (Excel) or the form export as "
        ".csv"),
    "survey.reason.wrong_check_code": (
        "code de contrôle faux pour {respondent} : le fichier a été modifié ou vient d'une "
        "autre enquête",
        "wrong check code for {respondent}: the file was changed or comes from another survey"),
    "survey.reason.unknown_respondent": (
        "répondant inconnu {respondent} : aucune structure des pôles enquêtés n'a cet "
        "identifiant ou ce nom",
        "unknown respondent {respondent}: no organisation of the surveyed poles has this id "
        "or name"),
    "survey.reason.no_respondent": ("la ligne ne dit pas qui répond",
                                    "the row does not say who answers"),
    "survey.reason.other_survey": (
        "vient de l'enquête {year} de {dataset}, pas de celle-ci ({expected})",
        "comes from the {year} survey of {dataset}, not this one ({expected})"),
    "survey.reason.replaced": ("{respondent} a répondu deux fois : {kept}, plus récent, est gardé",
                               "{respondent} answered twice: {kept}, the later, is kept"),
    "survey.reason.empty": ("rendu sans aucune réponse : compté sans réponse",
                            "returned with no answer: counted as no answer"),
    "survey.reason.unknown_answer": (
        "ligne {line} : réponse {answer!r} non comprise, ignorée (choisir dans la liste)",
        "line {line}: answer {answer!r} not understood, ignored (choose from the list)"),
    "survey.reason.unmatched_column": (
        "colonne {column!r} : aucune structure de la liste de ce nom ; ignorée (--map "
        "\"{column}=ID\" pour la rattacher)",
        "column {column!r}: no listed organisation of this name; ignored (--map "
        "\"{column}=ID\" to assign it)"),
}
_WORDS.update(_COLLECTION_WORDS)


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
