/**
 * The retailer's assortment as written by hand: twelve categories, eighteen product templates each
 * (name, subcategory, list price before per-product jitter), three fictional brands per category, and
 * the planted bundles — products bought together far more often than chance.
 */

/** Category keys, in the order groups' `taste` arrays follow. */
export const CATEGORY_KEYS = [
  'electronics',
  'phones',
  'office',
  'home_kitchen',
  'furniture',
  'apparel',
  'shoes',
  'beauty',
  'toys_baby',
  'sports_outdoors',
  'garden',
  'books_media',
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

/** One category: its display name (written in the files), cost ratio, brands and product templates. */
export interface CategoryData {
  readonly name: string;
  readonly costRatio: number;
  readonly brands: readonly string[];
  /** `subcategory:name:price` per template; a template without subcategory keeps the previous one. */
  readonly products: string;
}

/** The twelve categories by key. */
export const CATEGORY_DATA: Readonly<Record<CategoryKey, CategoryData>> = {
  electronics: {
    name: 'Electronics',
    costRatio: 0.72,
    brands: ['Voltura', 'Nexon', 'Auralis'],
    products: `Audio:Wireless Earbuds:79|:Noise-Cancelling Headphones:249|:Bluetooth Speaker:59|:Soundbar:199|TV:55" 4K Smart TV:549|:65" OLED TV:1499|:Streaming Stick:39|Gaming:Gaming Console:499|:Wireless Controller:69|:Gaming Headset:89|Wearables:Smartwatch:299|:Fitness Tracker:99|Cameras:Action Camera:349|:Mirrorless Camera:999|Tablets:E-Reader:129|:10" Tablet:329|Smart Home:Smart Home Hub:99|:Video Doorbell:149`,
  },
  phones: {
    name: 'Phones & Accessories',
    costRatio: 0.6,
    brands: ['Pocketry', 'Nexon', 'Zentro'],
    products: `Phones:Smartphone X:899|:Smartphone Lite:399|:Flip Phone:79|Cases:Phone Case:25|:Leather Phone Wallet:45|Protection:Screen Protector:15|:Camera Lens Protector:12|Chargers:USB-C Charger 30W:29|:Wireless Charging Pad:39|:Power Bank 10000mAh:45|Mounts:Car Phone Mount:25|Cables:USB-C Cable 2-Pack:15|:Lightning Cable:19|Accessories:Selfie Stick:22|:Phone Grip:12|:Magnetic Wallet:49|:Bluetooth Tracker:29|:Travel Adapter:24`,
  },
  office: {
    name: 'Office & Computers',
    costRatio: 0.68,
    brands: ['Deskline', 'Nexon', 'Papyra'],
    products: `Computers:Laptop 14":999|:Ultrabook 13":1399|:Desktop Tower:1199|Monitors:27" Monitor:329|Peripherals:Wireless Keyboard:59|:Ergonomic Mouse:49|:HD Webcam:79|Printers:Laser Printer:249|Printer Supplies:Toner Cartridge:89|:Copy Paper 10-Ream:54|Supplies:Label Maker:39|:Desk Organizer:25|:Gel Pens 12-Pack:14|:Notebook 3-Pack:18|:Paper Shredder:129|Networking:Wi-Fi Router:149|Storage:External SSD 1TB:119|:Docking Station:199`,
  },
  home_kitchen: {
    name: 'Home & Kitchen',
    costRatio: 0.55,
    brands: ['Hearthly', 'Kitchara', 'Brewster'],
    products: `Coffee:Espresso Machine:449|:Whole Bean Coffee 1kg:29|:Drip Coffee Maker:79|Cutlery:Chef's Knife:89|:Knife Block Set:199|Cookware:Cast Iron Skillet:45|:Nonstick Pan Set:129|:Dutch Oven 5qt:99|Appliances:Stand Mixer:379|:Air Fryer:119|:Blender:89|Cleaning:Robot Vacuum:299|:Cordless Vacuum:249|Bath:Bath Towel Set:59|Bedding:Queen Sheet Set:79|:Down Comforter:149|Storage:Food Storage Set:35|:Dish Rack:29`,
  },
  furniture: {
    name: 'Furniture & Decor',
    costRatio: 0.5,
    brands: ['Oakhaven', 'Nordlund', 'Loftly'],
    products: `Office Furniture:Standing Desk:549|:Ergonomic Office Chair:399|Storage:Bookshelf:179|Living Room:3-Seat Sofa:1299|:Armchair:499|:Coffee Table:249|:TV Stand:299|Bedroom:Queen Bed Frame:599|:Nightstand:149|:Dresser:699|Dining:Dining Table:799|:Dining Chair 2-Pack:229|Lighting:Floor Lamp:89|:Table Lamp:49|Decor:Area Rug 5x7:199|:Wall Mirror:129|:Throw Pillow 2-Pack:39|:Scented Candle:24`,
  },
  apparel: {
    name: 'Apparel',
    costRatio: 0.4,
    brands: ['Threadwell', 'Northpeak', 'Urbano'],
    products: `Tops:Cotton T-Shirt:19|:Graphic Tee:25|:Oxford Shirt:59|:Hoodie:49|:Crewneck Sweater:69|Bottoms:Slim Jeans:69|:Chinos:59|:Joggers:45|Dresses:Summer Dress:79|Outerwear:Insulated Winter Coat:229|:Rain Jacket:129|:Puffer Vest:89|Accessories:Wool Scarf:35|:Knit Beanie:22|:Leather Belt:39|Activewear:Running Socks 3-Pack:18|:Leggings:55|:Swim Shorts:35`,
  },
  shoes: {
    name: 'Shoes',
    costRatio: 0.45,
    brands: ['Stridemark', 'Northpeak', 'Urbano'],
    products: `Athletic:Running Shoes:129|:Trail Runners:139|:Training Shoes:99|Sneakers:Court Sneakers:85|:Canvas Sneakers:55|Boots:Leather Boots:189|:Winter Snow Boots:149|:Chelsea Boots:169|:Hiking Boots:179|Dress:Loafers:119|:Oxford Dress Shoes:159|:Ballet Flats:69|Summer:Sandals:45|:Flip-Flops:19|Home:Slippers:35|Kids:Kids Sneakers:49|:Kids Rain Boots:35|Care:Shoe Care Kit:25`,
  },
  beauty: {
    name: 'Beauty & Personal Care',
    costRatio: 0.35,
    brands: ['Lumiere', 'Verdant', 'Glowry'],
    products: `Hair:Repair Shampoo:18|:Repair Conditioner:18|:Hair Dryer:129|:Hair Straightener:89|Skin:Daily Moisturizer:32|:Vitamin C Serum:45|:Sunscreen SPF 50:22|:Night Cream:55|:Face Cleanser:16|Makeup:Lipstick:24|:Mascara:19|:Foundation:36|:Eyeshadow Palette:42|Fragrance:Eau de Parfum:95|:Cologne:85|Oral Care:Electric Toothbrush:79|Grooming:Electric Shaver:119|:Beard Trimmer:59`,
  },
  toys_baby: {
    name: 'Toys & Baby',
    costRatio: 0.5,
    brands: ['Tinytots', 'Brickbay', 'Playwise'],
    products: `Toys:Building Bricks Set:59|:Deluxe Building Set:149|:Plush Bear:19|:Remote Control Car:69|:Dollhouse:129|Games:Family Board Game:29|:1000-Piece Puzzle:22|:Kids Tablet:99|:Wooden Train Set:79|:Art Supplies Kit:35|Baby Gear:Baby Stroller:349|:Infant Car Seat:229|:High Chair:149|:Baby Monitor:129|Baby Care:Diapers Jumbo Pack:45|:Baby Wipes 12-Pack:24|:Swaddle Blankets:35|:Teething Toys:15`,
  },
  sports_outdoors: {
    name: 'Sports & Outdoors',
    costRatio: 0.55,
    brands: ['Trailcraft', 'Northpeak', 'Fitforge'],
    products: `Fitness:Yoga Mat:39|:Yoga Block Set:19|:Insulated Water Bottle:32|:Adjustable Dumbbells:299|:Resistance Bands:25|Cycling:Road Bike:899|:Bike Helmet:59|Camping:4-Person Tent:249|:Sleeping Bag:99|:Camping Stove:59|:Hiking Backpack:139|Winter Sports:Insulated Ski Jacket:279|:Ski Goggles:119|:Snowboard:449|Water Sports:Kayak:599|:Fishing Rod:89|Team Sports:Tennis Racket:149|:Basketball:29`,
  },
  garden: {
    name: 'Garden & Patio',
    costRatio: 0.55,
    brands: ['Greenhaus', 'Yardwise', 'Emberline'],
    products: `Grilling:Gas Grill:499|:Grill Cover:39|:Charcoal Grill:149|:BBQ Tool Set:35|Lawn:Lawn Mower:349|:String Trimmer:129|:Leaf Blower:149|Watering:Garden Hose 100ft:45|:Sprinkler:29|Planting:Raised Garden Bed:119|:Potting Soil 40qt:15|:Seed Starter Kit:25|Tools:Pruning Shears:29|:Garden Gloves:15|Patio:Patio Dining Set:899|:Patio Umbrella:149|:Fire Pit:199|:String Lights:35`,
  },
  books_media: {
    name: 'Books & Media',
    costRatio: 0.6,
    brands: ['Inkwell Press', 'Harbor Books', 'Sonic Vault'],
    products: `Fiction:Bestselling Novel:18|:Mystery Thriller:16|Cookbooks:Weeknight Cookbook:29|:Baking Cookbook:32|Home & Garden:Gardening Guide:24|Nonfiction:History Hardcover:32|:Biography:28|:Self-Help Book:20|Kids:Picture Book:12|:Chapter Book Set:39|Puzzles:Crossword Collection:12|:Coloring Book:10|Music:Vinyl Record:29|Movies:Blu-ray Movie:20|Games:Video Game:59|Digital:Audiobook Credit:15|:Magazine Subscription:25|Stationery:Journal:15`,
  },
};

/**
 * Planted bundles by template name: with probability ORDERS.bundleProbability an order starts with one of
 * these, chosen among those whose list total is at most 1.25 times the order's value, with weight
 * `weight` times the buyer's taste for the first item's category.
 */
export const BUNDLES: readonly { readonly items: readonly string[]; readonly weight: number }[] = [
  { items: ['Phone Case', 'Screen Protector'], weight: 1 },
  { items: ['USB-C Charger 30W', 'USB-C Cable 2-Pack', 'Power Bank 10000mAh'], weight: 1 },
  { items: ['Wireless Controller', 'Video Game'], weight: 1 },
  { items: ['Laser Printer', 'Toner Cartridge'], weight: 1 },
  { items: ['Drip Coffee Maker', 'Whole Bean Coffee 1kg'], weight: 1 },
  { items: ['Diapers Jumbo Pack', 'Baby Wipes 12-Pack'], weight: 1 },
  { items: ['Yoga Mat', 'Yoga Block Set', 'Insulated Water Bottle'], weight: 1 },
  { items: ['Charcoal Grill', 'BBQ Tool Set'], weight: 1 },
  { items: ['Repair Shampoo', 'Repair Conditioner'], weight: 1 },
  { items: ['Weeknight Cookbook', "Chef's Knife"], weight: 1 },
  { items: ['Running Shoes', 'Running Socks 3-Pack'], weight: 1 },
  { items: ['Wireless Keyboard', 'Ergonomic Mouse'], weight: 1 },
];
