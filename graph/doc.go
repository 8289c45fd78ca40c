// Package graph stores extracted documents as quads in an embedded Cayley
// store and reads them back. It is the only package that imports Cayley and
// quad: open or create a store by backend name (bolt by default, leveldb,
// memstore), write a document idempotently and atomically, remove one, list
// entities, statements and documents, export every quad, and run Gizmo or
// GraphQL queries.
//
// # Quad layout
//
// Every IRI lives under schema.Base. A document d with ID id has the IRI
// schema.DocumentIRI(id), and everything d contributes is in the named graph
// (quad label) of that IRI, except the relation quads, which are labelled
// with their statement:
//
//	<s> <rel/P> <o> <stmt>                         one quad per relation; <o> is an entity IRI,
//	                                               or a string literal for "title"
//	<stmt> rdf:type <Statement> <d>
//	<stmt> rdf:subject <s> <d>                     the relation, reified on the statement node
//	<stmt> rdf:predicate <rel/P> <d>
//	<stmt> rdf:object <o> <d>
//	<stmt> <source> <d> <d>
//	<stmt> <sentence> "…" <d>
//	<stmt> <start> "16"^^xsd:integer <d>           byte offsets of the sentence in the text
//	<stmt> <end> "160"^^xsd:integer <d>
//	<stmt> <modality> "planned" <d>
//	<stmt> <when> "2026-02"^^xsd:gYearMonth <d>    xsd:date, xsd:gYearMonth or xsd:gYear by precision
//	<stmt> <cameo> "036" <d>
//	<stmt> <confidence> "0.9"^^xsd:float <d>
//	<stmt> <attribution> "…" <d>                   who is reported as saying it, when known
//	<d> rdf:type <Document> <d>
//	<d> <doc> "000.txt" <d>
//	<d> <path> "…" <d>
//	<d> <title> "…" <d>
//	<d> <date> "2026-01-03"^^xsd:date <d>
//	<d> <hash> "sha256 hex" <d>
//	<d> <url> "https://…"^^xsd:anyURI <d>         the canonical address, when the reader found one
//	<d> <publisher> "…" <d>                        the publication, when known
//	<d> <mentions> <e> <d>                         every entity d mentions
//	<e> rdf:type <type/Person> <d>                 d's description of each entity it mentions
//	<e> schema:name "Donald Trump" <d>
//	<e> schema:alternateName "Trump" <d>
//
// Empty literals are not stored. Statement IRIs are schema.StatementIRI of
// StatementID: a digest of the document ID, subject, predicate, object and
// evidence offsets, so writing the same document again yields the same
// quads. A symmetric predicate (schema.Predicate.Symmetric) is stored once
// per pair, subject and object in the order of their IRIs.
//
// Entities merge across documents by IRI (schema.EntityIRI of the canonical
// name). Because each document describes an entity in its own named graph,
// no quad is shared between documents: replacing or removing a document
// deletes exactly the quads it contributed, an alias disappears with the
// last document that used it, and an entity disappears with the last
// document that mentions it, while entities other documents mention stay.
// Readers merge the descriptions: the name most documents use, the type most
// documents give, and every other name and alias as Aliases.
//
// # Writes
//
// WriteDocument compares the document's hash with the stored one: equal is a
// no-op; otherwise the quads of the old version that the new one lacks are
// deleted and the new ones inserted in one transaction. On bolt and leveldb
// the deletes and the inserts are two ApplyDeltas calls that share one
// database transaction (Cayley v0.7.7 mishandles one call that mixes them;
// see batchKV); memstore checks a batch before applying it. A failure leaves
// the previous version intact. Writes exclude reads (memstore has no locking
// of its own); reads run concurrently.
//
// # Stores
//
// A bolt store is a directory holding indexes.bolt (Cayley's layout, so the
// cayley tool opens it too), opened with Cayley's no_bloom option. Open never
// modifies an address that holds something else: a regular file that is not
// a bolt database, or a non-empty directory without a store, is ErrNotStore.
package graph
