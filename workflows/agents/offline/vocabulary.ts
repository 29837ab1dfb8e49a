/** Words the offline storyteller recognises in parents' answers. */

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, twenty: 20,
};

export const SURPRISE_PHRASES = [
  "you choose", "you pick", "you decide", "surprise me", "surprise us", "up to you", "dealer's choice", "anything",
  "whatever you like", "whatever you think", "don't mind", "dont mind", "no idea", "not sure", "dunno", "idk",
  "you can choose", "your choice", "random", "any is fine", "anything is fine", "no preference", "i don't know", "i dont know",
  "whatever", "doesn't matter", "doesnt matter", "you tell me", "pick for me", "choose for me", "any", "either", "all good",
  "anywhere", "wherever", "anywhere is fine", "anyone", "anything you like", "somewhere else", "somewhere different", "somewhere new",
];

export const NONE_PHRASES = ["none", "no", "nope", "no thanks", "no thank you", "skip", "nothing", "n/a", "na", "not really", "no one", "nobody", "nah", "no need", "pass"];

/** Companion kinds, longest first when matched. People are told apart from animals and toys. */
export const PEOPLE_KINDS = [
  "little sister", "big sister", "baby sister", "twin sister", "sister", "little brother", "big brother", "baby brother", "twin brother", "brother",
  "best friend", "friend", "cousin", "grandma", "grandpa", "granny", "grandad", "granddad", "nana", "nanna", "gran", "grandmother", "grandfather",
  "mum", "mummy", "mom", "mommy", "dad", "daddy", "auntie", "aunt", "uncle", "baby", "twin", "neighbour", "teacher",
];

export const ANIMAL_KINDS = [
  "dog", "puppy", "cat", "kitten", "bunny", "rabbit", "hamster", "guinea pig", "tortoise", "turtle", "horse", "pony",
  "unicorn", "dragon", "dinosaur", "teddy bear", "teddy", "bear", "owl", "fox", "mouse", "robot", "monkey", "penguin",
  "parrot", "duck", "frog", "lion", "tiger", "elephant", "giraffe", "goldfish", "fish", "snail", "ladybird", "bee",
  "dolphin", "whale", "octopus", "budgie", "chicken", "hen", "goat", "sheep", "lamb", "pig", "cow", "donkey", "squirrel",
  "hedgehog", "badger", "otter", "seal", "crab", "shark", "alien", "fairy", "elf", "ghost", "wolf", "cub", "lizard", "gecko",
  "snake", "spider", "butterfly", "bird", "toy", "doll", "soft toy", "stuffed animal", "panda", "koala", "kangaroo", "zebra",
];

export const COMPANION_KINDS = [...PEOPLE_KINDS, ...ANIMAL_KINDS];

/** Canonical forms for the common things children love (single words in the parent's text). */
export const INTERESTS: Record<string, string> = {
  train: "trains", trains: "trains", railway: "trains", railways: "trains",
  dinosaur: "dinosaurs", dinosaurs: "dinosaurs", dino: "dinosaurs", dinos: "dinosaurs",
  space: "space", rocket: "rockets", rockets: "rockets", planet: "planets", planets: "planets", stars: "stars", astronauts: "astronauts", astronaut: "astronauts",
  dragon: "dragons", dragons: "dragons", unicorn: "unicorns", unicorns: "unicorns",
  sea: "the sea", ocean: "the sea", beach: "the beach", boat: "boats", boats: "boats", pirate: "pirates", pirates: "pirates",
  mermaid: "mermaids", mermaids: "mermaids", shark: "sharks", sharks: "sharks", whale: "whales", whales: "whales",
  football: "football", soccer: "football", rugby: "rugby", swimming: "swimming", dancing: "dancing", dance: "dancing",
  ballet: "ballet", music: "music", singing: "singing", drums: "drums", piano: "the piano",
  painting: "painting", drawing: "drawing", crafts: "crafts", lego: "Lego", blocks: "building blocks",
  robots: "robots", robot: "robots", cars: "cars", trucks: "trucks", truck: "trucks",
  diggers: "diggers", digger: "diggers", tractors: "tractors", tractor: "tractors", planes: "aeroplanes", aeroplanes: "aeroplanes",
  airplanes: "aeroplanes", bikes: "bikes", scooters: "scooters", scooter: "scooters",
  bugs: "bugs", insects: "bugs", butterflies: "butterflies", ladybirds: "ladybirds", snails: "snails",
  animals: "animals", cats: "cats", dogs: "dogs", horses: "horses", ponies: "ponies", birds: "birds", frogs: "frogs",
  flowers: "flowers", gardening: "gardening", trees: "trees", climbing: "climbing", baking: "baking", cake: "cake", cakes: "cakes",
  cooking: "cooking", pancakes: "pancakes", books: "books", stories: "stories", reading: "reading",
  princesses: "princesses", princess: "princesses", knights: "knights", castles: "castles",
  fairies: "fairies", magic: "magic", superheroes: "superheroes", superhero: "superheroes", puzzles: "puzzles",
  puddles: "puddles", mud: "mud", jumping: "jumping", trampolines: "trampolines", trampoline: "trampolines",
  minecraft: "Minecraft", maths: "maths", math: "maths", coding: "coding", science: "science", volcanoes: "volcanoes",
  penguins: "penguins", owls: "owls", bees: "bees", monkeys: "monkeys", elephants: "elephants", lions: "lions", tigers: "tigers",
  spiders: "spiders", skateboarding: "skateboarding", gymnastics: "gymnastics", karate: "karate", tennis: "tennis",
};

/** Settings a single keyword stands for; anything more specific is kept in the parent's own words. */
export const SETTING_KEYWORDS: Record<string, string> = {
  forest: "an enchanted forest", forrest: "an enchanted forest", "enchanted forrest": "an enchanted forest", woods: "an enchanted forest", woodland: "an enchanted forest", "the forest": "an enchanted forest", "the woods": "an enchanted forest",
  "enchanted forest": "an enchanted forest", "magic forest": "an enchanted forest", "magical forest": "an enchanted forest",
  jungle: "a green, whispering jungle", rainforest: "a green, whispering jungle", "the jungle": "a green, whispering jungle",
  seaside: "the seaside", beach: "the seaside", coast: "the seaside", "the seaside": "the seaside", "the beach": "the seaside",
  "under the sea": "under the sea", underwater: "under the sea", ocean: "under the sea", sea: "under the sea", "the sea": "under the sea", "the ocean": "under the sea",
  space: "outer space", "outer space": "outer space", galaxy: "outer space", "the stars": "outer space",
  city: "a busy city", town: "a busy city", "the city": "a busy city", "big city": "a busy city",
  farm: "a sunny farm", "the farm": "a sunny farm",
  mountain: "a snowy mountain", mountains: "a snowy mountain", "the mountains": "a snowy mountain", snow: "a snowy mountain", "snowy mountain": "a snowy mountain",
  castle: "a castle on a hill", kingdom: "a castle on a hill", "a castle": "a castle on a hill",
  garden: "the back garden", "back garden": "the back garden", backyard: "the back garden", "the garden": "the back garden", "our garden": "the back garden", "our back garden": "the back garden",
  desert: "a golden desert", island: "a tiny island", "an island": "a tiny island", village: "a little village",
  home: "home", house: "home", "at home": "home", park: "the park", "the park": "the park", playground: "the park",
};

/** Most specific first: "nervous about starting school" is about school, "scared of the dark" about bedtime. */
export const LESSONS: { words: RegExp; lesson: string }[] = [
  { words: /\b(school|nursery|kindergarten|first day|reception|preschool)\b/, lesson: "starting school" },
  { words: /\b(siblings?|new baby|baby brother|baby sister|big sister|big brother)\b/, lesson: "welcoming a new sibling" },
  { words: /\b(sleep|sleeping|bedtime|night|the dark|dark|monsters?)\b/, lesson: "feeling safe at bedtime" },
  { words: /\b(brave|bravery|courage|courageous|scared|fears?|afraid|confiden\w*|nervous|worried|worries|anxious)\b/, lesson: "being brave" },
  { words: /\b(kind|kindn\w*|caring|empathy|compassion|gentle with|be nice|being nice)\b/, lesson: "kindness" },
  { words: /\b(making friends|make friends|friends?|friendship|shy|lonely)\b/, lesson: "making friends" },
  { words: /\b(share|sharing|take turns|taking turns)\b/, lesson: "sharing" },
  { words: /\b(try again|trying again|give up|giving up|persever\w*|resilien\w*|keep going|keep trying|mistakes?|practi[cs]e)\b/, lesson: "trying again" },
  { words: /\b(different|yourself|unique|being you|fit in|fitting in|self[- ]esteem|proud of)\b/, lesson: "being yourself" },
  { words: /\b(patience|patient|waiting|wait)\b/, lesson: "patience" },
  { words: /\b(honest|honesty|truth|lying|lies|fib\w*)\b/, lesson: "telling the truth" },
  { words: /\b(curious|curiosity|wonder|explor\w*|questions|science)\b/, lesson: "curiosity" },
  { words: /\b(angry|anger|temper|tantrums?|big feelings|feelings|emotions|calm down|frustrat\w*)\b/, lesson: "handling big feelings" },
  { words: /\b(sorry|apologi[sz]\w*)\b/, lesson: "saying sorry" },
  { words: /\b(teamwork|team work|working together|together|cooperat\w*|helping others|helping|help others)\b/, lesson: "working together" },
  { words: /\b(loved|love|family|belong\w*|adopt\w*)\b/, lesson: "how loved they are" },
  { words: /\b(just fun|for fun|fun|no lesson|no message|nothing in particular|no moral)\b/, lesson: "having fun" },
];

export const HAIR_COLOURS = [
  "strawberry blonde", "dark brown", "light brown", "golden brown", "chestnut brown", "jet black", "dirty blonde", "platinum blonde",
  "golden blonde", "honey blonde", "black", "brown", "blonde", "blond", "golden", "red", "ginger", "auburn", "copper", "chestnut",
  "grey", "gray", "silver", "white", "pink", "blue", "purple", "green", "rainbow", "sandy", "mousy", "fair", "dark", "caramel",
];
export const HAIR_STYLES = ["curly", "straight", "wavy", "long", "short", "shoulder-length", "braided", "spiky", "fluffy", "messy", "bobbed", "thick", "fine", "frizzy", "tousled", "cropped", "shaggy", "wild", "bouncy", "silky", "shiny", "tight", "springy", "coily", "kinky"];
export const HAIR_NOUNS = ["afro puffs", "afro", "curls", "locs", "dreadlocks", "dreads", "braids", "plaits", "pigtails", "bunches", "ponytail", "ponytails", "bun", "buns", "cornrows", "bob", "fringe", "mohawk", "twists", "hair"];
export const HAIR_SHAPES = ["afro puffs", "pigtails", "bunches", "braids", "plaits", "ponytail", "ponytails", "bun", "buns", "cornrows", "twists", "a fringe", "fringe", "bob"];
export const SKIN_TONES = ["light brown", "dark brown", "golden brown", "fair", "light", "pale", "olive", "tan", "tanned", "golden", "brown", "dark", "deep", "peachy", "pink", "rosy", "black", "white", "beige"];
export const CLOTHES = [
  "dinosaur onesie", "onesie", "dress", "raincoat", "coat", "dungarees", "overalls", "t-shirt", "tshirt", "tee", "shirt", "hoodie", "jumper",
  "sweater", "cardigan", "jacket", "cape", "boots", "wellies", "wellington boots", "trainers", "sneakers", "shoes", "shorts", "skirt",
  "pyjamas", "pajamas", "tutu", "hat", "cap", "beanie", "scarf", "leggings", "jeans", "trousers", "tights", "costume", "crown",
  "tiara", "bow", "hairband", "headband", "backpack", "rucksack", "sandals", "socks", "mittens", "gloves", "waistcoat", "kilt", "bow tie", "dungaree dress", "pinafore", "jumpsuit", "vest", "top",
];
export const COLOURS = [
  "red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "black", "grey", "gray", "brown", "teal", "turquoise", "navy",
  "gold", "golden", "silver", "rainbow", "striped", "stripy", "spotty", "spotted", "polka-dot", "sparkly", "glittery", "lilac", "mint",
  "lime", "cream", "bright", "dark", "light", "pale", "tartan", "checked", "flowery", "floral", "shiny", "fluffy", "woolly", "knitted",
  "favourite", "favorite", "little", "big", "red-and-white", "hot pink", "sky blue", "bright red",
];
/** Features worth a mention in the story: matched in the parent's words, told in the book's. */
export const FEATURES: { pattern: RegExp; phrase: string }[] = [
  { pattern: /\bfreckl/, phrase: "freckles" },
  { pattern: /\bdimples?\b/, phrase: "dimples" },
  { pattern: /\b(gap|missing)\b[\w\s-]{0,12}\b(tooth|teeth)\b|\bgap-toothed\b/, phrase: "a gap-toothed grin" },
  { pattern: /\bwheelchair\b/, phrase: "a wheelchair" },
  { pattern: /\bhearing aids?\b/, phrase: "hearing aids" },
  { pattern: /\bcochlear\b/, phrase: "a cochlear implant" },
  { pattern: /\b(eye ?patch)\b/, phrase: "an eyepatch" },
  { pattern: /\bbirthmark\b/, phrase: "a birthmark" },
  { pattern: /\bbraces\b/, phrase: "braces" },
  { pattern: /\brosy cheeks\b/, phrase: "rosy cheeks" },
  { pattern: /\b(big|huge|cheeky|wide) (smile|grin)\b/, phrase: "a big smile" },
];
