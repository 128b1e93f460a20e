// The stopword package's per-language lists (ES modules without types of their own).
declare module "stopword/src/stopwords_*.js" {
  export const fra: string[];
  export const deu: string[];
  export const spa: string[];
  export const rus: string[];
  export const jpn: string[];
  export const zho: string[];
  export const kor: string[];
}
