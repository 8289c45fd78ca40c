package main

// surnames are common family names of many languages, from which the
// generator invents people: a given name of the gazetteer's data followed
// by one of these. None of them is a given name of that data, a country, a
// capital or a demonym (TestSurnamesAreNotOtherNames checks it), so that a
// generated "Maria Novak" is read as a person and "Novak" alone refers back
// to her.
var surnames = []string{
	"Abbott", "Acheampong", "Adeyemi", "Akhtar", "Almeida", "Andersson",
	"Antonelli", "Aoki", "Arslan", "Bakker", "Banda", "Barros", "Bauer",
	"Becker", "Bergström", "Bianchi", "Bondarenko", "Brandt", "Brennan",
	"Castillo", "Chatterjee", "Chaudhry", "Chen", "Costa", "Danjuma",
	"Demir", "Dlamini", "Doğan", "Dubois", "Eriksen", "Esposito", "Farouk",
	"Fernandes", "Fischer", "Fitzgerald", "Fontaine", "Gallagher",
	"Gonçalves", "Gutiérrez", "Haddad", "Halvorsen", "Hashemi", "Hoffmann",
	"Horvat", "Huang", "Ibrahimović", "Iyer", "Jankowski", "Jovanović",
	"Kamau", "Kapoor", "Karlsson", "Kaya", "Kelly", "Khalil", "Kiplagat",
	"Kovács", "Kowalczyk", "Kruger", "Kuznetsov", "Lambert", "Larsen",
	"Lefebvre", "Lindqvist", "Lombardi", "López", "Machado", "Mahlangu",
	"Makarov", "Marchand", "Martins", "Mazur", "Medina", "Mehta", "Mendoza",
	"Moreau", "Morozov", "Mukherjee", "Murphy", "Mwangi", "Nakamura",
	"Navarro", "Ndlovu", "Nieminen", "Novak", "Nowak", "Nwosu", "Obi",
	"Odhiambo", "Okafor", "Okonkwo", "Oliveira", "Osei", "Ozturk", "Pavlov",
	"Pereira", "Petrenko", "Pham", "Popescu", "Quintero", "Rahman", "Ramos",
	"Reyes", "Richter", "Rinaldi", "Rodrigues", "Romano", "Rosales",
	"Saito", "Salazar", "Sandoval", "Santoro", "Schmidt", "Schneider",
	"Sharma", "Shevchenko", "Silva", "Sokolov", "Suzuki", "Szabó", "Takahashi",
	"Tanaka", "Teixeira", "Tkachenko", "Torres", "Toure", "Vargas",
	"Vasquez", "Vidal", "Virtanen", "Wagner", "Walsh", "Weber", "Wójcik",
	"Yamamoto", "Yildiz", "Zhou", "Zielinski",
}
