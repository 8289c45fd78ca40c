// Package schema owns newsgraph's vocabulary: entity types, predicates with
// their CAMEO codes, IRIs, name normalisation and the gazetteer of general
// knowledge (countries, demonyms, capitals, titles, trigger words). It imports
// only the standard library; every other package takes its names from here.
package schema

// EntityType is the type of a named entity, as listed in the schema contract.
type EntityType string

// The entity types of schema v1.
const (
	Person       EntityType = "Person"
	Country      EntityType = "Country"
	Location     EntityType = "Location"
	Organization EntityType = "Organization"
	Other        EntityType = "Other"
)

// EntityTypes lists every entity type in a stable order.
var EntityTypes = []EntityType{Person, Country, Location, Organization, Other}

// Valid reports whether t is one of the schema's entity types.
func (t EntityType) Valid() bool {
	for _, x := range EntityTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Modality says how a relation is asserted by its sentence.
type Modality string

// The modalities of schema v1. Asserted is the default.
const (
	Asserted     Modality = "asserted"
	Planned      Modality = "planned"
	Negated      Modality = "negated"
	Hypothetical Modality = "hypothetical"
)

// Modalities lists every modality in a stable order.
var Modalities = []Modality{Asserted, Planned, Negated, Hypothetical}

// Valid reports whether m is one of the schema's modalities.
func (m Modality) Valid() bool {
	for _, x := range Modalities {
		if x == m {
			return true
		}
	}
	return false
}
