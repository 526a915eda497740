// The pictures of a live chapter page (docs/live/; issue 12), drawn in the page from the figure data
// the module returns for the variant on show (figures_to_json, lib/teaching/src/figure_json.cpp):
//   - a plot, with d3 (Debian's libjs-d3, copied into the site): its curves, axes, labels and key;
//   - a computation graph, placed where Graphviz's dot placed the lecture's variant when the site was
//     built (layouts.js, written by build_site.cjs), with this variant's numbers on its wires:
//     forward values above each wire (green), gradients below (red), as the slides and to_dot draw them.
// The graph's shape does not depend on the variant, only its numbers do, so one layout serves all.
'use strict';

window.nnwbFigures = (function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const PLOT = { width: 600, height: 340, left: 60, right: 150, top: 15, bottom: 45 };

  function extent(curves, axis, range) {
    if (range) return range;
    const all = [].concat(...curves.map((c) => c[axis]));
    return [Math.min(...all), Math.max(...all)];
  }

  function drawPlot(figure, svgElement) {
    const svg = d3.select(svgElement).attr('viewBox', `0 0 ${PLOT.width} ${PLOT.height}`)
      .attr('width', PLOT.width).attr('height', PLOT.height);
    const inner = { w: PLOT.width - PLOT.left - PLOT.right, h: PLOT.height - PLOT.top - PLOT.bottom };
    const x = d3.scale.linear().domain(extent(figure.curves, 'x', figure.x_range)).range([0, inner.w]);
    const y = d3.scale.linear().domain(extent(figure.curves, 'y', figure.y_range)).range([inner.h, 0]);
    if (!figure.x_range) x.nice();
    if (!figure.y_range) y.nice();
    const colour = d3.scale.category10();
    const g = svg.append('g').attr('transform', `translate(${PLOT.left},${PLOT.top})`);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${inner.h})`)
      .call(d3.svg.axis().scale(x).orient('bottom').ticks(6));
    g.append('g').attr('class', 'axis').call(d3.svg.axis().scale(y).orient('left').ticks(6));
    g.append('text').attr('x', inner.w / 2).attr('y', inner.h + 36).attr('text-anchor', 'middle').text(figure.x_label);
    g.append('text').attr('transform', `translate(-45,${inner.h / 2}) rotate(-90)`).attr('text-anchor', 'middle')
      .text(figure.y_label);
    const clip = `clip-${figure.name}`;
    g.append('clipPath').attr('id', clip).append('rect').attr('width', inner.w).attr('height', inner.h);
    const plotted = g.append('g').attr('clip-path', `url(#${clip})`);
    figure.curves.forEach((curve, i) => {
      const points = curve.x.map((xi, k) => [x(xi), y(curve.y[k])]);
      if (curve.style === 'points') {
        plotted.selectAll(null).data(points).enter().append('circle').attr('class', 'curve-point')
          .attr('cx', (p) => p[0]).attr('cy', (p) => p[1]).attr('r', 3).attr('fill', colour(i));
      } else {
        plotted.append('path').attr('class', 'curve-line').attr('d', d3.svg.line()(points))
          .attr('fill', 'none').attr('stroke', colour(i)).attr('stroke-width', 1.5);
      }
      const key = g.append('g').attr('transform', `translate(${inner.w + 12},${10 + 18 * i})`);
      key.append('rect').attr('width', 14).attr('height', 3).attr('y', -4).attr('fill', colour(i));
      key.append('text').attr('x', 20).text(curve.title);
    });
  }

  function element(name, attributes, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, value);
    if (parent) parent.appendChild(e);
    return e;
  }

  // dot's coordinates are points with y upwards; the SVG's run downwards from the top.
  function drawDiagram(figure, layout, svg) {
    const [width, height] = layout.size;
    const flip = ([px, py]) => [px, height - py];
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    const arrow = `arrow-${figure.name}`;
    const marker = element('marker', { id: arrow, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8,
                                       markerHeight: 8, orient: 'auto' }, element('defs', {}, svg));
    element('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#333' }, marker);
    figure.edges.forEach((edge, i) => {
      const placed = layout.edges[i];
      const points = placed.points.map(flip);
      let d = `M${points[0]}`;
      for (let k = 1; k + 2 < points.length; k += 3) d += ` C${points[k]} ${points[k + 1]} ${points[k + 2]}`;
      if (placed.arrow) d += ` L${flip(placed.arrow)}`;
      element('path', { d, fill: 'none', stroke: '#333', 'marker-end': `url(#${arrow})`, class: 'edge' }, svg);
      if (placed.label) {
        const [lx, ly] = flip(placed.label);
        const lines = [[edge.forward, 'forward'], [edge.gradient, 'gradient']].filter(([text]) => text !== null);
        lines.forEach(([text, kind], k) => {
          const t = element('text', { x: lx, y: ly + 14 * (k - (lines.length - 1) / 2) + 4, 'text-anchor': 'middle',
                                      class: kind }, svg);
          t.textContent = text;
        });
      }
    });
    for (const node of figure.nodes) {
      const placed = layout.nodes[node.id];
      const [cx, cy] = flip(placed.at);
      if (node.look === 'circle')
        element('ellipse', { cx, cy, rx: placed.size[0] / 2, ry: placed.size[1] / 2, fill: 'white', stroke: '#333' }, svg);
      const t = element('text', { x: cx, y: cy + 5, 'text-anchor': 'middle', class: 'node' }, svg);
      t.textContent = node.label;
    }
  }

  // The layout fits the figure if it places every node and every edge of it, in the same order.
  function layoutProblem(figure, layout) {
    if (!layout) return 'no layout was made for this graph when the site was built';
    const missing = figure.nodes.filter((n) => !layout.nodes[n.id]).map((n) => n.id);
    if (missing.length) return `the layout has no place for ${missing.join(', ')}`;
    const edgesDiffer = figure.edges.length !== layout.edges.length ||
      figure.edges.some((e, i) => e.from !== layout.edges[i].from || e.to !== layout.edges[i].to);
    return edgesDiffer ? "the layout's edges are not this graph's" : '';
  }

  // Draws every figure into `container`, replacing what it held.
  function draw(container, chapter, figures) {
    container.textContent = '';
    if (!figures.length) return;
    const heading = document.createElement('h2');
    heading.textContent = 'Pictures';
    container.appendChild(heading);
    for (const figure of figures) {
      const box = document.createElement('figure');
      box.id = `figure-${figure.name}`;
      const svg = element('svg', { class: `nnwb-figure nnwb-${figure.kind}`, role: 'img',
                                   'aria-label': figure.caption }, box);
      if (figure.kind === 'plot') {
        drawPlot(figure, svg);
      } else {
        const layout = (window.nnwbLayouts || {})[`${chapter}.${figure.name}`];
        const problem = layoutProblem(figure, layout);
        if (problem) {
          box.removeChild(svg);
          const p = document.createElement('p');
          p.className = 'nnwb-message';
          p.textContent = `This graph cannot be drawn: ${problem}.`;
          box.appendChild(p);
        } else {
          drawDiagram(figure, layout, svg);
        }
      }
      const caption = document.createElement('figcaption');
      caption.textContent = figure.caption;
      box.appendChild(caption);
      container.appendChild(box);
    }
  }

  return { draw };
})();
