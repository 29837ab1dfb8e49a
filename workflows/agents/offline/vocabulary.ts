/** Words the offline storyteller recognises in parents' answers. */

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  sixteen: 16,
};

export const SURPRISE_PHRASES = [
  "you choose", "you pick", "you decide", "surprise me", "surprise us", "up to you", "dealer's choice", "anything",
  "whatever you like", "whatever you think", "don't mind", "dont mind", "no idea", "not sure", "dunno", "idk",
  "you can choose", "your choice", "random", "any is fine", "anything is fine",
];

export const NONE_PHRASES = ["none", "no", "nope", "no thanks", "no thank you", "skip", "nothing", "n/a", "not really", "no one", "nobody"];

export const COMPANION_KINDS = [
  "dog", "puppy", "cat", "kitten", "bunny", "rabbit", "hamster", "guinea pig", "tortoise", "turtle", "horse", "pony",
  "unicorn", "dragon", "dinosaur", "teddy bear", "teddy", "bear", "owl", "fox", "mouse", "robot", "monkey", "penguin",
  "parrot", "duck", "frog", "lion", "tiger", "elephant", "giraffe", "goldfish", "fish", "snail", "ladybird", "bee",
  "brother", "sister", "grandma", "grandpa", "granny", "friend", "best friend", "cousin",
];

export const INTERESTS: Record<string, string> = {
  train: "trains", trains: "trains", railway: "trains",
  dinosaur: "dinosaurs", dinosaurs: "dinosaurs", dino: "dinosaurs", dinos: "dinosaurs",
  space: "space", rocket: "rockets", rockets: "rockets", planet: "planets", planets: "planets", star: "stars", stars: "stars", moon: "the moon",
  dragon: "dragons", dragons: "dragons", unicorn: "unicorns", unicorns: "unicorns",
  sea: "the sea", ocean: "the sea", beach: "the beach", boat: "boats", boats: "boats", pirate: "pirates", pirates: "pirates",
  mermaid: "mermaids", mermaids: "mermaids", fish: "fish", shark: "sharks", sharks: "sharks", whale: "whales", whales: "whales",
  football: "football", soccer: "football", ball: "ball games", swimming: "swimming", dancing: "dancing", dance: "dancing",
  ballet: "ballet", music: "music", singing: "singing", drums: "drums", piano: "the piano",
  painting: "painting", drawing: "drawing", art: "drawing", crafts: "crafts", lego: "building blocks", blocks: "building blocks",
  building: "building things", robots: "robots", robot: "robots", cars: "cars", car: "cars", trucks: "trucks", truck: "trucks",
  diggers: "diggers", digger: "diggers", tractors: "tractors", tractor: "tractors", planes: "aeroplanes", aeroplanes: "aeroplanes",
  airplanes: "aeroplanes", bikes: "bikes", bike: "bikes", scooter: "scooters",
  bugs: "bugs", insects: "bugs", butterflies: "butterflies", ladybirds: "ladybirds", snails: "snails",
  animals: "animals", cats: "cats", dogs: "dogs", horses: "horses", ponies: "ponies", birds: "birds", frogs: "frogs",
  flowers: "flowers", gardening: "gardening", trees: "trees", climbing: "climbing", baking: "baking", cake: "cake", cakes: "cakes",
  cooking: "cooking", pancakes: "pancakes", books: "books", stories: "stories", reading: "reading",
  princesses: "princesses", princess: "princesses", knights: "knights", castles: "castles", castle: "castles",
  fairies: "fairies", magic: "magic", superheroes: "superheroes", superhero: "superheroes", puzzles: "puzzles",
  snow: "snow", rain: "puddles", puddles: "puddles", mud: "mud", jumping: "jumping", trampoline: "trampolines",
};

export const SETTINGS: { words: string[]; setting: string }[] = [
  { words: ["forest", "woods", "woodland"], setting: "an enchanted forest" },
  { words: ["jungle", "rainforest"], setting: "a green, whispering jungle" },
  { words: ["seaside", "beach", "coast"], setting: "the seaside" },
  { words: ["under the sea", "underwater", "ocean", "sea"], setting: "under the sea" },
  { words: ["space", "moon", "stars", "planet", "galaxy"], setting: "outer space" },
  { words: ["city", "town"], setting: "a busy city" },
  { words: ["farm"], setting: "a sunny farm" },
  { words: ["mountain", "mountains", "snowy", "snow"], setting: "a snowy mountain" },
  { words: ["castle", "kingdom"], setting: "a castle on a hill" },
  { words: ["garden", "back garden", "backyard", "yard"], setting: "the back garden" },
  { words: ["desert"], setting: "a golden desert" },
  { words: ["island"], setting: "a tiny island" },
  { words: ["village"], setting: "a little village" },
  { words: ["home", "house", "bedroom"], setting: "home" },
  { words: ["park", "playground"], setting: "the park" },
];

export const LESSONS: { words: string[]; lesson: string }[] = [
  { words: ["brave", "bravery", "courage", "scared", "fear", "afraid", "confidence", "confident"], lesson: "being brave" },
  { words: ["kind", "kindness", "nice", "caring", "empathy", "gentle with"], lesson: "kindness" },
  { words: ["friend", "friends", "friendship", "making friends", "shy"], lesson: "making friends" },
  { words: ["share", "sharing", "take turns", "turns"], lesson: "sharing" },
  { words: ["try again", "trying again", "give up", "persever", "resilien", "keep going", "mistake"], lesson: "trying again" },
  { words: ["sibling", "new baby", "baby brother", "baby sister", "big sister", "big brother"], lesson: "welcoming a new sibling" },
  { words: ["sleep", "bedtime", "night", "dark"], lesson: "feeling safe at bedtime" },
  { words: ["different", "yourself", "unique", "being you"], lesson: "being yourself" },
  { words: ["school", "nursery", "kindergarten", "first day"], lesson: "starting school" },
  { words: ["patience", "patient", "wait"], lesson: "patience" },
  { words: ["honest", "honesty", "truth"], lesson: "telling the truth" },
  { words: ["curious", "curiosity", "wonder", "explore"], lesson: "curiosity" },
  { words: ["love", "family", "belong"], lesson: "how loved they are" },
];

export const HAIR_COLOURS = ["black", "dark brown", "brown", "light brown", "blonde", "blond", "golden", "red", "ginger", "auburn", "strawberry blonde", "grey", "white", "pink", "blue", "purple"];
export const HAIR_STYLES = ["curly", "straight", "wavy", "long", "short", "shoulder-length", "braided", "afro", "spiky", "fluffy", "messy", "bobbed"];
export const HAIR_SHAPES = ["pigtails", "bunches", "braids", "plaits", "ponytail", "bun", "afro puffs", "locs", "cornrows", "fringe", "bob"];
export const SKIN_TONES = ["fair", "light", "pale", "olive", "tan", "golden", "light brown", "brown", "dark brown", "dark", "deep"];
export const CLOTHES = ["dress", "raincoat", "coat", "dungarees", "overalls", "t-shirt", "tshirt", "hoodie", "jumper", "sweater", "cardigan", "jacket", "cape", "boots", "wellies", "trainers", "sneakers", "shorts", "skirt", "pyjamas", "tutu", "hat", "scarf", "dinosaur onesie", "onesie"];
export const COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "black", "grey", "brown", "teal", "turquoise", "navy", "gold", "silver", "rainbow", "striped", "spotty"];
