"""python -m ptce_graph"""

from .cli import main

main()
