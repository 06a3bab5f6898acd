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
    drawn: false, stabilised: !data.physics, firstDrawMs: null, labelsSettled: false
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
        setTimeout(function () { network.redraw(); }, 0);  // place the labels on the still view
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
  var faded = {};   // id -> dimmed by a highlight
  var focus = {};   // ids whose labels come first (the highlighted neighbourhood)

  // ---- labels only where they fit (as Kumu and Gephi's label adjust do): after every drawing,
  // labels are placed most important node first (rank from Python, then size) and a label that
  // would cover one already placed is not drawn; it appears on zoom, when there is room, or on
  // hover. Hidden labels keep their place in vis-network (drawn transparent), so their boxes are
  // still measured.
  var THRESHOLD = data.labels.threshold;
  var HIDDEN_FONT = { color: "rgba(0,0,0,0)", strokeWidth: 0 };
  var shown = {};   // id -> whether its label is drawn; undefined until decided
  var pinned = null; // hovered node: its label always shows
  var order = data.nodes.map(function (n, i) { return { id: n.id, i: i, n: n }; });
  order.sort(function (a, b) {
    var ra = a.n.rank === undefined ? 1e9 : a.n.rank;
    var rb = b.n.rank === undefined ? 1e9 : b.n.rank;
    if (ra !== rb) { return ra - rb; }
    var va = a.n.value || 0, vb = b.n.value || 0;
    if (va !== vb) { return vb - va; }
    return a.i - b.i;
  });
  order = order.map(function (o) { return o.id; });

  function fontFor(id) {
    if (shown[id] === false) { return HIDDEN_FONT; }
    return { color: faded[id] ? "rgba(0,0,0,0.25)" : "#222222", strokeWidth: 3 };
  }

  // The label's box on screen (DOM pixels) as last drawn, or null when it is not drawn at this
  // zoom (too small) or the node is hidden.
  function labelBox(id) {
    var body = network.body.nodes[id];
    if (!body || body.options.hidden || !body.labelModule) { return null; }
    var lm = body.labelModule;
    if (!lm.size || !lm.size.width || lm.elementOptions.label === undefined) { return null; }
    if (lm.fontOptions.size * network.getScale() < THRESHOLD - 1) { return null; }
    var a = network.canvasToDOM({ x: lm.size.left, y: lm.size.top });
    var b = network.canvasToDOM({ x: lm.size.left + lm.size.width,
                                  y: lm.size.top + lm.size.height });
    return { left: a.x, top: a.y, right: b.x, bottom: b.y };
  }
  state.labelBox = labelBox;
  state.labelShown = shown;

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function declutter() {
    var width = container.clientWidth, height = container.clientHeight;
    var cell = 120, grid = {}, changed = [];
    var first = [];
    if (pinned !== null) { first.push(pinned); }
    Object.keys(focus).forEach(function (id) { if (id !== pinned) { first.push(id); } });
    var seen = {};
    first.concat(order).forEach(function (id) {
      if (seen[id]) { return; }
      seen[id] = true;
      var box = labelBox(id);
      var show = true;
      if (box && box.right > 0 && box.bottom > 0 && box.left < width && box.top < height) {
        var x0 = Math.floor(box.left / cell), x1 = Math.floor(box.right / cell);
        var y0 = Math.floor(box.top / cell), y1 = Math.floor(box.bottom / cell);
        var x, y, k, list, j;
        for (x = x0; x <= x1 && show; x++) {
          for (y = y0; y <= y1 && show; y++) {
            list = grid[x + ":" + y] || [];
            for (j = 0; j < list.length; j++) {
              if (overlaps(box, list[j])) { show = false; break; }
            }
          }
        }
        if (show || id === pinned) {
          show = true;
          for (x = x0; x <= x1; x++) {
            for (y = y0; y <= y1; y++) {
              k = x + ":" + y;
              (grid[k] = grid[k] || []).push(box);
            }
          }
        }
      }
      if (shown[id] !== show) {
        shown[id] = show;
        changed.push({ id: id, font: fontFor(id) });
      }
    });
    if (changed.length) { nodes.update(changed); }
    return changed.length;
  }

  network.on("afterDrawing", function () {
    if (!state.drawn || !state.stabilised) { return; }
    var changes = declutter();
    if (!changes) { state.labelsSettled = true; }
  });
  network.on("hoverNode", function (params) { pinned = params.node; declutter(); });
  network.on("blurNode", function () { pinned = null; declutter(); });

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    var keepEdge = {};
    network.getConnectedEdges(id).forEach(function (e) { keepEdge[e] = true; });
    faded = {};
    focus = keep;
    data.nodes.forEach(function (n) { if (!keep[n.id]) { faded[n.id] = true; } });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: keep[n.id] ? n.color : FADED_NODE, font: fontFor(n.id) };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: keepEdge[e.id] ? e.color : FADED_EDGE };
    }));
    highlighted = true;
  }

  function clearHighlight() {
    if (!highlighted) { return; }
    faded = {};
    focus = {};
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: n.color, font: fontFor(n.id) };
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

  // ---- edge layers switched on and off (poles.html: shared funders)
  var toggles = document.querySelectorAll(".layer-toggle");
  Array.prototype.forEach.call(toggles, function (box) {
    box.addEventListener("change", function () {
      var layer = box.getAttribute("data-layer");
      edges.update(data.edges.filter(function (e) { return e.layer === layer; })
        .map(function (e) { return { id: e.id, hidden: !box.checked }; }));
    });
  });

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
