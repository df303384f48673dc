/** The link between a Safepath user and their identity at the single sign-on issuer (app_user.oidc_subject). */
import type { DataSource } from 'typeorm';

export class OidcLinkRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records `subject` on the user when they have none yet; false when the user is already linked
   * (a concurrent first sign-in) or another user holds the subject.
   */
  async link(userId: string, subject: string): Promise<boolean> {
    try {
      // TypeORM answers an UPDATE with [rows, affected count].
      const [, affected]: [unknown[], number] = await this.db.query('UPDATE app_user SET oidc_subject = $2 WHERE id = $1 AND oidc_subject IS NULL', [userId, subject]);
      return affected === 1;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return false; // unique_violation
      throw error;
    }
  }
}
