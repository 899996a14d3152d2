"""Demo and synthetic portfolios: fictional customers for trying Keyplan and for benchmarks.

``create_demo_portfolio`` writes a small, hand-shaped portfolio that tells a story;
``create_synthetic_portfolio`` writes a large generated one of a chosen size.
"""

from keyplan.store.demo.portfolio import create_demo_portfolio
from keyplan.store.demo.synthetic import create_synthetic_portfolio

__all__ = ["create_demo_portfolio", "create_synthetic_portfolio"]
