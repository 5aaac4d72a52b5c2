import type { Handlers } from './handler-types';
import {
  addRating,
  readSelfEvaluation,
  removeCaseStudy,
  saveCaseStudy,
  saveContext,
  saveGrid,
  saveTarget,
  setRatingScale,
} from '../self-evaluation/self-evaluation-store';

type SelfEvaluationOperation =
  | 'selfEvaluation.get'
  | 'selfEvaluation.save'
  | 'selfEvaluation.rate'
  | 'selfEvaluation.setScale'
  | 'selfEvaluation.saveContext'
  | 'selfEvaluation.saveCaseStudy'
  | 'selfEvaluation.removeCaseStudy'
  | 'selfEvaluation.setTarget';

/** Each change answers with the whole self-evaluation, as the screen shows it. */
export const selfEvaluationHandlers: Handlers<SelfEvaluationOperation> = {
  'selfEvaluation.get': (_req, { backend }) => readSelfEvaluation(backend.openWorkspace().db),
  'selfEvaluation.save': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    const { area, ...fields } = req;
    saveGrid(db, area, fields, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.rate': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    addRating(db, req, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.setScale': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    setRatingScale(db, req.scale, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.saveContext': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    saveContext(db, req.text, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.saveCaseStudy': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    saveCaseStudy(db, req, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.removeCaseStudy': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    removeCaseStudy(db, req.id, backend.userName());
    return readSelfEvaluation(db);
  },
  'selfEvaluation.setTarget': (req, { backend }) => {
    const { db } = backend.writableWorkspace();
    saveTarget(db, req, backend.userName());
    return readSelfEvaluation(db);
  },
};
