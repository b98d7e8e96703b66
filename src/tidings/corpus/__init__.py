"""The corpus layer: incidents reported by many articles, and actors across articles."""
