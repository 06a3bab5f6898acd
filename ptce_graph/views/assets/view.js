// The behaviour of every view: draw, search, filter, highlight neighbours. The data comes from
// the JSON block #ptce-data; names only ever reach the page through textContent, Option() and
// vis-network's text tooltips, never through innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ptce-data").textContent);
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = {
    network: network, nodes: nodes, edges: edges, nodeCount: data.nodes.length,
    drawn: false, stabilised: !data.physics, firstDrawMs: null
  };
  window.ptceView = state;

  // A small network fitted to the window would be blown up: never zoom in past 1 at start.
  function fitReadable() {
    network.fit({ animation: false });
    if (network.getScale() > 1) { network.moveTo({ scale: 1 }); }
  }
  network.once("afterDrawing", function () {
    state.drawn = true;
    state.firstDrawMs = performance.now();
    if (!data.physics) { fitReadable(); }
  });
  if (data.physics) {
    // Physics only tidies small graphs, then stops: a still picture is easier to read.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      // Nodes' bounding boxes are only updated when drawn: fit after the next drawing, or the
      // picture is framed on where the nodes were before physics moved them.
      network.once("afterDrawing", function () {
        fitReadable();
        state.stabilised = true;
      });
      network.redraw();
    });
  }

  var original = {};
  data.nodes.forEach(function (n) { original[n.id] = n; });
  var originalEdge = {};
  data.edges.forEach(function (e) { originalEdge[e.id] = e; });

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // ---- neighbours highlighted on click
  var FADED_NODE = { background: "#eeeeee", border: "#d9d9d9",
                     highlight: { background: "#eeeeee", border: "#d9d9d9" } };
  var FADED_EDGE = { color: "rgba(190,190,190,0.25)" };
  var highlighted = false;

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    var keepEdge = {};
    network.getConnectedEdges(id).forEach(function (e) { keepEdge[e] = true; });
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id]
        ? { id: n.id, color: n.color, font: { color: "#222222" } }
        : { id: n.id, color: FADED_NODE, font: { color: "rgba(0,0,0,0.2)" } };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: keepEdge[e.id] ? e.color : FADED_EDGE };
    }));
    highlighted = true;
  }

  function clearHighlight() {
    if (!highlighted) { return; }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: n.color, font: { color: "#222222" } };
    }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color }; }));
    highlighted = false;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); } else { clearHighlight(); }
  });

  // ---- type and sector filters
  var typeSelect = document.getElementById("type-filter");
  var sectorSelect = document.getElementById("sector-filter");
  function applyFilters() {
    var kind = typeSelect ? typeSelect.value : "";
    var sector = sectorSelect ? sectorSelect.value : "";
    nodes.update(data.nodes.map(function (n) {
      var show = (!kind || n.type === kind) && (!sector || !n.sector || n.sector === sector);
      return { id: n.id, hidden: !show };
    }));
  }
  if (typeSelect && sectorSelect) {
    typeSelect.add(new Option(data.words.all_types, ""));
    var seenType = {};
    data.nodes.forEach(function (n) { seenType[n.type] = true; });
    Object.keys(data.types).forEach(function (t) {
      if (seenType[t]) { typeSelect.add(new Option(data.types[t], t)); }
    });
    sectorSelect.add(new Option(data.words.all_sectors, ""));
    var sectors = {};
    data.nodes.forEach(function (n) { if (n.sector) { sectors[n.sector] = true; } });
    Object.keys(sectors).sort(function (a, b) { return a.localeCompare(b); })
      .forEach(function (s) { sectorSelect.add(new Option(s, s)); });
    typeSelect.addEventListener("change", applyFilters);
    sectorSelect.addEventListener("change", applyFilters);
  }

  // ---- search by name
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  search.addEventListener("input", function () {
    var query = fold(search.value.trim());
    if (query.length < 2) {
      count.textContent = "";
      network.unselectAll();
      return;
    }
    var found = data.nodes.filter(function (n) {
      return fold(n.name || n.label).indexOf(query) >= 0 && !nodes.get(n.id).hidden;
    }).map(function (n) { return n.id; });
    count.textContent = found.length + " " + data.words.found;
    network.selectNodes(found, false);
    if (found.length && found.length <= 50) {
      network.fit({ nodes: found, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  });

  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    count.textContent = "";
    if (typeSelect) { typeSelect.value = ""; sectorSelect.value = ""; applyFilters(); }
    clearHighlight();
    network.unselectAll();
    fitReadable();
  });
})();
