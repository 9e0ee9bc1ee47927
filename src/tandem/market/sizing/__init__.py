"""Market sizing: TAM, SAM and SOM per segment and product, with scenarios and exports."""
