/**
 * Hand-written words of safeguarding practice that steer the name check: titles and cues that introduce a
 * name, relations and roles that are often followed by one, and capitalised words of the trade (agencies,
 * roles, acronyms, months, faiths, nations) that are never a person's name on their own even though some are
 * in the name lists ("Ward", "Chase", "Brook", "Jordan", "May"). Kept small and general: the name lists do the
 * heavy lifting.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/))

/** Titles before a surname: "Ms Okafor", "PC Iqbal", "Dr Patel". Matched case-sensitively, with or without a dot. */
export const TITLES = words(
  `Mr Mrs Ms Miss Mx Dr Prof Sir Dame Rev Cllr PC DC DS DI DCI DSU Sgt PCSO MR MRS MS MISS DR`,
)

/** Words that introduce a name: "called Liam", "known as Big Tommy", "whose name is Jaxon". */
export const NAME_CUES = [
  'called',
  'named',
  'nicknamed',
  'known as',
  'name is',
  "name's",
  'names are',
  'aka',
  'a.k.a.',
  'goes by',
  'calls herself',
  'calls himself',
  'calls themselves',
  'introduced as',
  'introduced himself as',
  'introduced herself as',
  'referred to as',
  'also known as',
]

/** People a name often follows: "Mum's partner Dean", "Brother jayden", "social worker, Gethin Rhys". */
export const RELATIONS = words(`
  mum mummy mother mom dad daddy father parent parents partner ex-partner boyfriend girlfriend ex-boyfriend
  ex-girlfriend husband wife ex-husband ex-wife fiance fiancee brother sister sibling siblings half-brother
  half-sister half-sibling stepbrother stepsister step-brother step-sister son daughter stepson stepdaughter
  baby infant toddler twin aunt auntie aunty uncle nan nana nanny gran granny grandma grandmother grandad
  granddad grandpa grandfather grandparent cousin nephew niece stepfather stepmother stepdad stepmum step-dad
  step-mum step-father step-mother friend neighbour lodger carer carers guardian boy girl pupil student tenant
  landlord landlady worker officer visitor nurse midwife teacher assistant practitioner manager paediatrician
  consultant therapist counsellor mentor coach key-worker keyworker youth-worker sw hv dsl head headteacher
  headmaster headmistress sergeant constable detective inspector chair`)

/** Words that mark a place or an organisation when they follow capitalised words: "Queen Elizabeth Hospital". */
export const ORGANISATION_WORDS = words(`
  hospital infirmary school primary secondary academy college nursery preschool pre-school surgery practice
  centre center house lodge ward wards unit trust council police service services team project court clinic
  church mosque temple gurdwara synagogue chapel hub board partnership foundation group panel university
  prison hostel estate park hall station library club charity society network association health healthcare
  community medical family federation campus institute department office agency limited ltd housing homes
  care road rd street st avenue ave lane close drive way grove crescent terrace gardens place square mews walk
  rise view green row parade children's childrens infants juniors junior sixth form centre's trust's ward's
  shopping retail park's hotel inn cafe pub bar store stores supermarket pharmacy dental dentists opticians
  arms fc rfc united city town county borough district region airport port bridge`)

/** Words (lower case) before others that name a place or organisation, not a person: "St Mary's", "King George". */
export const ORGANISATION_PREFIXES = words(
  `st saint king queen prince princess royal lady lord holy our mount port fort`,
)

/**
 * Capitalised words that are not a person's name on their own: relations, roles, agencies and services,
 * acronyms, time words, faiths, nations and languages, and a few eponyms common in this work.
 */
export const NOT_NAMES = words(`
  i a an the and but or if when then on in at to of for with from by after before during this that these those
  he she they we it his her their our my your its him them us me you yours ours theirs hers not no yes
  mum mummy mother mom dad daddy father nan
  nana nanny gran granny grandma grandad granddad grandpa grandmother grandfather grandparents auntie aunty
  aunt uncle baby babies child children sibling siblings brother sister son daughter cousin partner carer
  carers parent parents family families adult adults person people yp cyp boy girl pupil student staff
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun
  jul aug sep sept oct nov dec spring summer autumn winter christmas easter eid ramadan diwali hanukkah
  vaisakhi passover lent advent new year bank holiday half term
  police health school nhs gp hospital social care council services service team unit ward nurse doctor
  officer court judge magistrate magistrates crown family youth probation prison housing education early
  help children's childrens multi-agency safeguarding hub partnership board panel group review rapid local
  national independent chair lead designated named deputy head teacher headteacher senco sendco manager
  worker visitor midwife paediatrician consultant registrar practitioner therapist counsellor sergeant
  constable detective inspector superintendent chief sir madam dame lord lady king queen prince princess
  royal saint st general infirmary emergency department clinic surgery practice centre nursery primary
  academy college university trust foundation charity project programme ofsted cafcass nspcc childline
  barnardo barnardo's barnardos brook kooth relate mind refuge shelter samaritans womens women's aid
  action turning point catch22 coram unicef
  camhs cahms mash mase mace marac mappa lado icpc rcpc cpc cp cin lac cla cic sen send ehcp ehc abe cad
  icb ccg yos yot pru ap pshe rse cse cce csa da dv idva isva ira ira's iro hv sw dsl ddsl dsp ehm eha ehat
  taf tac caf ed ae a&e icu nicu picu scbu snicu ent ot salt fgm hbv asb cps dwp hmrc uc esa pip dla sg
  nfa csc csct mosaic lcs liquidlogic eclipse carefirst sc ref id no dob nhs ni nino ok re fyi asap nb
  eg ie etc vs am pm max min dev info admin para paras appt appts dept mgr tel ext approx misc tbc tba
  gcse gcses ks ks1 ks2 ks3 ks4 yr year y1 y2 y3 y4 y5 y6 y7 y8 y9 y10 y11 y12 y13
  ehcna epo ico ipo npo cpo dols mca sar sars gdpr pcso pc dc ds di dci dsu sgt mr mrs ms miss mx dr prof
  christian christians christianity muslim muslims islam islamic jewish jew jews judaism hindu hinduism sikh
  sikhism buddhist buddhism catholic protestant anglican methodist baptist pentecostal orthodox jehovah's
  witness witnesses rastafarian quaker god allah jesus christ prophet bible quran koran torah
  english british welsh scottish irish northern ireland england wales scotland britain uk gb european
  polish romanian lithuanian latvian bulgarian czech slovak hungarian albanian kosovan turkish kurdish
  syrian iraqi iranian afghan afghani pakistani indian bangladeshi sri lankan nepali chinese vietnamese
  filipino thai nigerian ghanaian somali eritrean ethiopian sudanese kenyan ugandan zimbabwean congolese
  caribbean jamaican african asian arab arabic urdu punjabi bengali sylheti gujarati hindi tamil pashto
  dari farsi kurmanji sorani tigrinya amharic portuguese spanish french italian german russian ukrainian
  white black mixed gypsy roma traveller travellers romany
  ghana nigeria somalia syria iraq iran afghanistan pakistan
  bangladesh poland romania ukraine russia china vietnam albania eritrea sudan ethiopia jamaica
  moses down downs asperger asperger's crohn's tourette's tourette munchausen
  internet facebook instagram snapchat tiktok whatsapp youtube xbox playstation fortnite roblox google
  teams slack zoom covid covid-19 coronavirus`)

/** Countries that are also given names: a place after "from" or "in", a person when they act like one. */
export const COUNTRIES_AND_NAMES = words('jordan georgia chad india israel kenya')
