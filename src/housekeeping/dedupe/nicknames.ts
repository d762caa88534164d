/** Common English given-name variants: each group is one name. A short list, not a census. */
const GROUPS: readonly string[] = [
  'john jon jonathan johnny jack',
  'william will bill billy willy liam',
  'robert rob bob bobby robbie bert',
  'elizabeth liz beth betty eliza lizzie libby',
  'katherine catherine kate katie kathy cathy kat',
  'michael mike mikey mick',
  'james jim jimmy jamie',
  'thomas tom tommy',
  'david dave davey',
  'daniel dan danny',
  'christopher chris kit',
  'christina christine chris tina',
  'alexander alex xander sandy',
  'alexandra alex alexa sandra',
  'samuel sam sammy',
  'samantha sam sammie',
  'benjamin ben benny',
  'joseph joe joey',
  'anthony tony',
  'nicholas nick nicky',
  'matthew matt matty',
  'andrew andy drew',
  'steven stephen steve',
  'richard rich rick ricky dick',
  'edward ed eddie ted ned',
  'patrick pat paddy',
  'patricia pat patty trish',
  'jennifer jen jenny',
  'susan sue susie',
  'margaret maggie meg peggy',
  'rebecca becky becca',
  'abigail abby',
  'charles charlie chuck chaz',
  'gregory greg',
  'jeffrey jeff',
  'kenneth ken kenny',
  'lawrence larry',
  'timothy tim timmy',
  'victoria vicky tori',
  'deborah debbie deb',
  'jessica jess jessie',
  'joshua josh',
  'zachary zach zack',
  'nathaniel nathan nate',
  'jacob jake',
  'olivia liv livvy',
  'emily em emmy',
  'emma em',
  'madison maddie',
  'isabella bella izzy',
  'sophia sophie',
  'gabriel gabe',
  'frederick fred freddie',
  'ronald ron ronnie',
  'donald don donnie',
  'raymond ray',
  'eleanor ellie nora',
  'dorothy dot dottie',
  'theodore theo ted teddy',
  'peter pete',
  'pamela pam',
  'kimberly kim',
  'melissa missy mel',
  'amanda mandy',
  'stephanie steph',
  'cynthia cindy',
  'barbara barb',
  'judith judy',
  'sarah sara sally',
  'mary molly polly',
  'ann anne annie anna',
];

const INDEX = new Map<string, Set<number>>();
GROUPS.forEach((g, i) => {
  for (const name of g.split(' ')) {
    const set = INDEX.get(name) ?? new Set<number>();
    set.add(i);
    INDEX.set(name, set);
  }
});

/** Whether two given names (lower-cased) are variants of one name. */
export function sameName(a: string, b: string): boolean {
  const ga = INDEX.get(a);
  const gb = INDEX.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

/** Variants of a given name (lower-cased), itself excluded; empty when it is not in the list. */
export function variantsOf(name: string): string[] {
  const out = new Set<string>();
  for (const g of INDEX.get(name) ?? []) for (const v of GROUPS[g]!.split(' ')) if (v !== name) out.add(v);
  return [...out];
}
