"""The scenario format `litige/1`: YAML read strictly with locations, validated into the model."""
