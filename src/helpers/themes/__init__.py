"""One package per report, named like its notebook (``process_industry`` for
``notebooks/process_industry.ipynb``): everything the notebook calls, from data assembly to the
charts. A report's rebuild key covers only its own theme package."""
