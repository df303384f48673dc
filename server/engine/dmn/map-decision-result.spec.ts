import { DecisionError } from './decision-error';
import { mapDecisionResult } from './map-decision-result';

const one = [{ riskLevel: 'high' }];
const oneWide = [{ riskLevel: 'high', riskBasis: 'professional judgement' }];
const many = [{ criterion: 'visible high risk' }, { criterion: 'repeat' }];

describe('mapDecisionResult', () => {
  describe('singleEntry', () => {
    it('given one result with one entry, when mapped, then returns the plain value', () => {
      expect(mapDecisionResult(one, 'singleEntry')).toBe('high');
    });

    it('given no result, when mapped, then returns null', () => {
      expect(mapDecisionResult([], 'singleEntry')).toBeNull();
    });

    it('given two results, when mapped, then fails like Camunda', () => {
      expect(() => mapDecisionResult(many, 'singleEntry')).toThrow(DecisionError);
      expect(() => mapDecisionResult(many, 'singleEntry')).toThrow("The decision result mapper 'singleEntry' cannot map the decision result: it has 2 results");
    });

    it('given one result with two entries, when mapped, then fails naming the entries', () => {
      expect(() => mapDecisionResult(oneWide, 'singleEntry')).toThrow("the result has 2 entries ('riskLevel', 'riskBasis'), expected one (use 'singleResult')");
    });
  });

  describe('singleResult', () => {
    it('given one result, when mapped, then returns its entries as an object', () => {
      expect(mapDecisionResult(oneWide, 'singleResult')).toEqual({ riskLevel: 'high', riskBasis: 'professional judgement' });
    });

    it('given no result, when mapped, then returns null', () => {
      expect(mapDecisionResult([], 'singleResult')).toBeNull();
    });

    it('given two results, when mapped, then fails', () => {
      expect(() => mapDecisionResult(many, 'singleResult')).toThrow("The decision result mapper 'singleResult' cannot map the decision result: it has 2 results");
    });
  });

  describe('collectEntries', () => {
    it('given results with one entry each, when mapped, then returns the list of values', () => {
      expect(mapDecisionResult(many, 'collectEntries')).toEqual(['visible high risk', 'repeat']);
    });

    it('given no result, when mapped, then returns an empty list', () => {
      expect(mapDecisionResult([], 'collectEntries')).toEqual([]);
    });

    it('given a result with two entries, when mapped, then fails', () => {
      expect(() => mapDecisionResult(oneWide, 'collectEntries')).toThrow("result 1 has 2 entries ('riskLevel', 'riskBasis'), expected one per result");
    });
  });

  describe('resultList', () => {
    it('given any results, when mapped explicitly or by default, then returns a copy of the list', () => {
      expect(mapDecisionResult(many, 'resultList')).toEqual(many);
      expect(mapDecisionResult(oneWide, '')).toEqual(oneWide);
      expect(mapDecisionResult(oneWide, undefined)).not.toBe(oneWide);
    });
  });

  it('given an unknown mapping, when mapped, then fails listing the supported ones', () => {
    expect(() => mapDecisionResult(one, 'firstEntry')).toThrow(
      "The decision result mapper 'firstEntry' cannot map the decision result: unknown mapping; use one of singleEntry, singleResult, collectEntries, resultList",
    );
  });
});
