// The French text of the demo Charter (server/demo/seed.ts writes it into the draft's French
// text). Each article renders the English article as it stands after the first reading (AM-001
// accepted: "shall respect and protect"), so it can be confirmed as aligned against it. Formal
// treaty register: the present indicative carries the obligation of the English "shall"; terms as
// in the French texts of the Rabat Process and the Palermo Protocols ("gestion humanisée des
// frontières", "migrants en situation de vulnérabilité", "trafic illicite de migrants",
// "traite des êtres humains", "orientation" for referral).

/** One paragraph: its text, then (as in the English text) the citation of the source it rests on. */
export interface FrenchParagraph {
  text: string;
  /** The cited source item's key (MKH23-…), placed where the English text places it: at the end. */
  cite?: string;
}

export interface FrenchArticle {
  heading: string;
  paragraphs: FrenchParagraph[];
}

/** French articles by clauseId. */
export const DEMO_ARTICLES_FR: Readonly<Record<string, FrenchArticle>> = {
  "demo-art-1": {
    heading: "Respect des droits et de la dignité",
    paragraphs: [
      {
        text: "La gestion des frontières par les signataires respecte et protège les droits de l'homme et la dignité de tout migrant, quel que soit son statut, tout en prévenant et en combattant le trafic illicite de migrants et la traite des êtres humains.",
        cite: "MKH23-CON-01",
      },
    ],
  },
  "demo-art-2": {
    heading: "Responsabilité partagée",
    paragraphs: [
      {
        text: "Les pays partenaires partagent la responsabilité d'une gestion humanisée des frontières et renforcent à cette fin leur coopération et leur coordination.",
        cite: "MKH23-CON-03",
      },
    ],
  },
  "demo-art-3": {
    heading: "Repérage des migrants en situation de vulnérabilité",
    paragraphs: [
      {
        text: "Les organismes nationaux établissent un cadre procédural commun pour l'identification et l'orientation des victimes de la traite et des migrants en situation de vulnérabilité.",
        cite: "MKH23-REC-07",
      },
      {
        text: "Les équipes d'identification comprennent des travailleurs sociaux, des médiateurs culturels et d'autres professionnels qualifiés.",
        cite: "MKH23-REC-03",
      },
    ],
  },
  "demo-art-4": {
    heading: "Protection de la vie humaine",
    paragraphs: [
      {
        text: "Les services chargés de l'application de la loi accordent la priorité au sauvetage des vies humaines, en particulier celles des personnes en détresse en mer, des mineurs et des victimes de la traite.",
        cite: "MKH23-CON-04",
      },
    ],
  },
  "demo-art-5": {
    heading: "Formation et échanges",
    paragraphs: [
      {
        text: "Les signataires soutiennent des plateformes où les autorités frontalières et les agents chargés de l'application de la loi échangent leurs expériences et leurs bonnes pratiques en matière de droits de l'homme.",
        cite: "MKH23-REC-05",
      },
    ],
  },
};

/**
 * French chapter titles, by the clauseId of the chapter's first article (a chapter's id is drawn
 * afresh for each demo draft; its first article's is fixed).
 */
export const DEMO_CHAPTERS_FR: Readonly<Record<string, string>> = {
  "demo-art-1": "Chapitre I — Principes",
  "demo-art-3": "Chapitre II — Identification et protection à la frontière",
};
