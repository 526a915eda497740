// The notation's macros for every page of the site (MathJax 2, loaded through Doxygen's
// MATHJAX_CODEFILE). Write \vx, \vw, \sigmoid(a), \pd{E}{w} in any page or doc comment.
MathJax.Hub.Config({
  messageStyle: "none",  // no "Typesetting math" box over the page
  TeX: {
    Macros: {
      vx: "\\mathbf{x}",                              // an input vector
      vy: "\\mathbf{y}",                              // an output vector
      vw: "\\mathbf{w}",                              // a weight vector
      vt: "\\mathbf{t}",                              // a target vector
      vz: "\\mathbf{z}",                              // activations
      va: "\\mathbf{a}",                              // pre-activations
      vdelta: "\\boldsymbol{\\delta}",                // deltas, ∂E/∂a
      R: "\\mathbb{R}",
      sigmoid: "\\sigma",                             // σ(a) = 1/(1 + e^{−a})
      softmax: "\\operatorname{softmax}",
      pd: ["\\frac{\\partial #1}{\\partial #2}", 2]   // \pd{E}{w} = ∂E/∂w
    }
  }
});
