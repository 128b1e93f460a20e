// Every unit test reads the WordNet lexicon as the hosts do (src/node/lexicon.ts).
import { setLexiconSource } from "../../src/core/verify/lexicon";
import { setLanguagePack } from "../../src/core/lang/language";
import { nodeLanguagePack } from "../../src/node/languagePack";
import { nodeLexicon } from "../../src/node/lexicon";

setLexiconSource(nodeLexicon);
setLanguagePack(nodeLanguagePack);
