//! Feature kinds of gazetteer entries and the record precision they give.

use std::fmt;

/// What a gazetteer entry is. The compiled gazetteer stores the
/// [`Kind::as_str`] spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A sovereign or de-facto country.
    Country,
    /// First-level division: governorate, province, state, region (محافظة, ولاية, إقليم).
    Admin1,
    /// Second-level division: district (منطقة in Syria, قضاء in Iraq, مديرية in Yemen).
    Admin2,
    /// Third-level division: sub-district (ناحية, عزلة).
    Admin3,
    /// A city or town with a known population.
    City,
    /// A village or locality (no population known).
    Village,
    /// A neighbourhood or quarter of a city (حي).
    Neighbourhood,
    /// An airport or airfield (مطار).
    Airport,
    /// A military base or barracks (قاعدة, معسكر, ثكنة).
    Base,
    /// A refugee or displacement camp (مخيم).
    Camp,
    /// A border crossing (معبر, منفذ).
    Crossing,
    /// A bridge (جسر).
    Bridge,
    /// A prison (سجن).
    Prison,
    /// A sea port (ميناء).
    Port,
    /// A dam (سد).
    Dam,
    /// An island (جزيرة).
    Island,
    /// A mountain or hill (جبل).
    Mountain,
    /// A named building, square, street or other site.
    Landmark,
    /// A sea, gulf, river or strait.
    Water,
    /// A region without administrative status (الشرق الأوسط, سيناء, البادية).
    Region,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 20] = [
        Kind::Country,
        Kind::Admin1,
        Kind::Admin2,
        Kind::Admin3,
        Kind::City,
        Kind::Village,
        Kind::Neighbourhood,
        Kind::Airport,
        Kind::Base,
        Kind::Camp,
        Kind::Crossing,
        Kind::Bridge,
        Kind::Prison,
        Kind::Port,
        Kind::Dam,
        Kind::Island,
        Kind::Mountain,
        Kind::Landmark,
        Kind::Water,
        Kind::Region,
    ];

    /// The spelling used in gazetteer files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::Admin3 => "admin3",
            Kind::City => "city",
            Kind::Village => "village",
            Kind::Neighbourhood => "neighbourhood",
            Kind::Airport => "airport",
            Kind::Base => "base",
            Kind::Camp => "camp",
            Kind::Crossing => "crossing",
            Kind::Bridge => "bridge",
            Kind::Prison => "prison",
            Kind::Port => "port",
            Kind::Dam => "dam",
            Kind::Island => "island",
            Kind::Mountain => "mountain",
            Kind::Landmark => "landmark",
            Kind::Water => "water",
            Kind::Region => "region",
        }
    }

    /// Parse a kind as spelled in gazetteer files (also accepts the source
    /// files' synonyms: governorate, district, subdistrict, locality, town,
    /// hamlet, campus).
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "admin1" | "governorate" | "province" | "state" => Kind::Admin1,
            "admin2" | "district" | "county" => Kind::Admin2,
            "admin3" | "subdistrict" | "localadmin" => Kind::Admin3,
            "city" | "town" => Kind::City,
            "village" | "locality" | "hamlet" => Kind::Village,
            "neighbourhood" | "neighborhood" | "quarter" | "suburb" => Kind::Neighbourhood,
            "airport" | "airbase" => Kind::Airport,
            "base" | "campus" | "barracks" => Kind::Base,
            "camp" => Kind::Camp,
            "crossing" => Kind::Crossing,
            "bridge" => Kind::Bridge,
            "prison" => Kind::Prison,
            "port" => Kind::Port,
            "dam" => Kind::Dam,
            "island" => Kind::Island,
            "mountain" => Kind::Mountain,
            "landmark" | "square" | "street" => Kind::Landmark,
            "water" | "sea" | "river" => Kind::Water,
            "region" => Kind::Region,
            _ => return None,
        })
    }

    /// The record precision a mention of this kind has.
    ///
    /// Sites (airports, bases, camps, crossings, bridges …) are points a few
    /// hundred metres wide: they get the finest precision, `neighbourhood`.
    /// A sub-district is coarser than a town: it gets `admin2`.
    pub fn precision(self) -> Precision {
        match self {
            Kind::Country => Precision::Country,
            Kind::Admin1 => Precision::Admin1,
            Kind::Admin2 | Kind::Admin3 => Precision::Admin2,
            Kind::City | Kind::Village | Kind::Island => Precision::City,
            Kind::Neighbourhood
            | Kind::Airport
            | Kind::Base
            | Kind::Camp
            | Kind::Crossing
            | Kind::Bridge
            | Kind::Prison
            | Kind::Port
            | Kind::Dam
            | Kind::Landmark => Precision::Neighbourhood,
            Kind::Mountain | Kind::Water | Kind::Region => Precision::Region,
        }
    }

    /// True for populated places (cities, towns, villages).
    pub fn is_settlement(self) -> bool {
        matches!(self, Kind::City | Kind::Village)
    }

    /// True for administrative divisions below the country.
    pub fn is_admin(self) -> bool {
        matches!(self, Kind::Admin1 | Kind::Admin2 | Kind::Admin3)
    }

    /// True for point sites (airports, bases, camps, crossings, bridges,
    /// prisons, ports, dams, landmarks).
    pub fn is_site(self) -> bool {
        matches!(
            self,
            Kind::Airport
                | Kind::Base
                | Kind::Camp
                | Kind::Crossing
                | Kind::Bridge
                | Kind::Prison
                | Kind::Port
                | Kind::Dam
                | Kind::Landmark
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How precisely a record place locates what it names (`precision` in
/// spec/record.md), finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Neighbourhood,
    City,
    Admin2,
    Admin1,
    Country,
    Region,
}

impl Precision {
    /// The record spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Neighbourhood => "neighbourhood",
            Precision::City => "city",
            Precision::Admin2 => "admin2",
            Precision::Admin1 => "admin1",
            Precision::Country => "country",
            Precision::Region => "region",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("governorate"), Some(Kind::Admin1));
        assert_eq!(Kind::parse("nonsense"), None);
    }

    #[test]
    fn sites_are_fine_and_subdistricts_coarse() {
        assert_eq!(Kind::Base.precision(), Precision::Neighbourhood);
        assert_eq!(Kind::Admin3.precision(), Precision::Admin2);
        assert!(Precision::Neighbourhood < Precision::City);
    }
}
