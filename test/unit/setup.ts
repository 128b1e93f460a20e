// Every unit test reads the WordNet lexicon as the hosts do (src/node/lexicon.ts).
import { setLexiconSource } from "../../src/core/verify/lexicon";
import { nodeLexicon } from "../../src/node/lexicon";

setLexiconSource(nodeLexicon);
