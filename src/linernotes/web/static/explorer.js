// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // A followed evidence link: bring the highlighted sentence into view and give it focus.
  const evidence = document.getElementById("evidence");
  if (evidence && location.hash === "#evidence") {
    evidence.scrollIntoView({ block: "center" });
    evidence.focus({ preventScroll: true });
  }
  // Graph: pointing at a node lights its links and dims the rest.
  const svg = document.querySelector("figure.graph svg");
  if (!svg) return;
  const lines = Array.from(svg.querySelectorAll("line.edge"));
  svg.querySelectorAll("a.node").forEach((node) => {
    const circle = node.querySelector("circle");
    const x = circle.getAttribute("cx"), y = circle.getAttribute("cy");
    const light = (on) => lines.forEach((line) => {
      const touches = (line.getAttribute("x1") === x && line.getAttribute("y1") === y) ||
                      (line.getAttribute("x2") === x && line.getAttribute("y2") === y);
      line.classList.toggle("lit", on && touches);
      line.classList.toggle("dim", on && !touches);
    });
    node.addEventListener("mouseenter", () => light(true));
    node.addEventListener("mouseleave", () => light(false));
    node.addEventListener("focus", () => light(true));
    node.addEventListener("blur", () => light(false));
  });
});
