"""Code generation tooling: regenerate generated/ from specs/ and detect drift."""
