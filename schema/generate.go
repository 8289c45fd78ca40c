package schema

// triggers_cameo.tsv is generated from the CAMEO 2.0 verb dictionary of
// PETRARCH2 and checked against the hand-written triggers.tsv; run again
// when either changes.
//
//go:generate go run ./internal/cameogen -in ../../shared/data/cameo/CAMEO.2.0.txt -hand data/triggers.tsv -out data/triggers_cameo.tsv
