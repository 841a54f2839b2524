//! The commands on the board's records other than tasks: units, the plan's
//! details, scores and users. Each checks its record, changes the board
//! and returns its inverse, as `Board::apply` expects.

use super::area::AreaId;
use super::board::{Board, BoardMeta, Refusal};
use super::command::{Command, Touched};
use super::score::{valid_score, valid_year};
use super::unit::{Unit, UnitCode, valid_code};
use super::user::{Role, User, key_id, valid_name};
use super::validate::{check_meta, check_unit};

impl Board {
    /// The user whose public key is `line` (type and body; comments ignored).
    pub fn user_by_key(&self, line: &str) -> Option<&User> {
        let id = key_id(line)?;
        self.users.values().find(|u| key_id(&u.key) == Some(id))
    }

    /// Check a user against the board: name, key, unit, no shared key.
    pub fn validate_user(&self, u: &User) -> Result<(), Refusal> {
        if !valid_name(&u.name) {
            return Err(Refusal::BadUserName(u.name.clone()));
        }
        if key_id(&u.key).is_none() || u.key.lines().count() != 1 {
            return Err(Refusal::BadKey);
        }
        if let Some(other) = self.user_by_key(&u.key)
            && other.name != u.name
        {
            return Err(Refusal::KeyInUse(other.name.clone()));
        }
        match (&u.unit, u.role) {
            (Some(code), _) if self.unit(code).is_none() => Err(Refusal::NoUnit(code.clone())),
            (None, Role::Editor) => Err(Refusal::EditorNeedsUnit),
            _ => Ok(()),
        }
    }

    pub(super) fn put_unit(
        &mut self,
        u: Unit,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        if !valid_code(&u.code) {
            return Err(Refusal::BadUnitCode(u.code.into()));
        }
        check_unit(&u)?;
        touched.push(Touched::Unit(u.code.clone()));
        Ok(match self.units.iter_mut().find(|x| x.code == u.code) {
            Some(slot) => Command::PutUnit(std::mem::replace(slot, u)),
            None => {
                let code = u.code.clone();
                self.units.push(u);
                Command::RemoveUnit(code)
            }
        })
    }

    /// Only a unit no task names can go (`unit_ops` moves them first).
    pub(super) fn remove_unit(
        &mut self,
        code: UnitCode,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        let used = self.tasks.values().filter(|t| t.involves(&code)).count();
        if used > 0 {
            return Err(Refusal::UnitInUse(code, used));
        }
        let pos = self
            .units
            .iter()
            .position(|u| u.code == code)
            .ok_or(Refusal::NoUnit(code.clone()))?;
        touched.push(Touched::Unit(code));
        Ok(Command::PutUnit(self.units.remove(pos)))
    }

    pub(super) fn set_meta(
        &mut self,
        m: BoardMeta,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        check_meta(&m)?;
        touched.push(Touched::Meta);
        Ok(Command::SetMeta(std::mem::replace(&mut self.meta, m)))
    }

    /// Record a dimension's score for a year (`None` clears it).
    pub(super) fn set_score(
        &mut self,
        year: i32,
        area: AreaId,
        score: Option<u16>,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        if !valid_year(year) {
            return Err(Refusal::BadYear(year));
        }
        if !area.is_dimension() {
            return Err(Refusal::NotADimension(area));
        }
        if let Some(s) = score
            && !valid_score(s)
        {
            return Err(Refusal::BadScore(s));
        }
        let old = match score {
            Some(s) => self.scores.insert((year, area), s),
            None => self.scores.remove(&(year, area)),
        };
        touched.push(Touched::Score(year, area));
        Ok(Command::SetScore {
            year,
            area,
            score: old,
        })
    }

    pub(super) fn put_user(
        &mut self,
        u: User,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        self.validate_user(&u)?;
        let name = u.name.clone();
        touched.push(Touched::User(name.clone()));
        Ok(match self.users.insert(name.clone(), u) {
            Some(old) => Command::PutUser(old),
            None => Command::RemoveUser(name),
        })
    }

    pub(super) fn remove_user(
        &mut self,
        name: String,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        let old = self.users.remove(&name).ok_or(Refusal::NoUser(name))?;
        touched.push(Touched::User(old.name.clone()));
        Ok(Command::PutUser(old))
    }
}
