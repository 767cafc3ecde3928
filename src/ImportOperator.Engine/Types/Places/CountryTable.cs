namespace ImportOperator.Engine.Types;

/// <summary>
/// ISO 3166-1: every officially assigned alpha-2 code (249), its alpha-3 code and English short name, followed by
/// the other names people write (former names, names without "the", "St" for "Saint", constituent countries of
/// the United Kingdom). Plus Kosovo (XK/XKX), user-assigned but used by the EU, banks and most software.
/// </summary>
internal static class CountryTable
{
    // alpha-2 | alpha-3 | English short name | aliases...
    public const string Rows = """
        AF|AFG|Afghanistan
        AX|ALA|Åland Islands|Aland
        AL|ALB|Albania
        DZ|DZA|Algeria
        AS|ASM|American Samoa
        AD|AND|Andorra
        AO|AGO|Angola
        AI|AIA|Anguilla
        AQ|ATA|Antarctica
        AG|ATG|Antigua and Barbuda
        AR|ARG|Argentina
        AM|ARM|Armenia
        AW|ABW|Aruba
        AU|AUS|Australia
        AT|AUT|Austria
        AZ|AZE|Azerbaijan
        BS|BHS|Bahamas
        BH|BHR|Bahrain
        BD|BGD|Bangladesh
        BB|BRB|Barbados
        BY|BLR|Belarus
        BE|BEL|Belgium
        BZ|BLZ|Belize
        BJ|BEN|Benin
        BM|BMU|Bermuda
        BT|BTN|Bhutan
        BO|BOL|Bolivia|Bolivia, Plurinational State of|Plurinational State of Bolivia
        BQ|BES|Bonaire, Sint Eustatius and Saba|Caribbean Netherlands|Bonaire
        BA|BIH|Bosnia and Herzegovina|Bosnia
        BW|BWA|Botswana
        BV|BVT|Bouvet Island
        BR|BRA|Brazil|Brasil
        IO|IOT|British Indian Ocean Territory
        BN|BRN|Brunei Darussalam|Brunei
        BG|BGR|Bulgaria
        BF|BFA|Burkina Faso
        BI|BDI|Burundi
        CV|CPV|Cabo Verde|Cape Verde
        KH|KHM|Cambodia
        CM|CMR|Cameroon
        CA|CAN|Canada
        KY|CYM|Cayman Islands
        CF|CAF|Central African Republic
        TD|TCD|Chad
        CL|CHL|Chile
        CN|CHN|China|People's Republic of China|PRC|Mainland China
        CX|CXR|Christmas Island
        CC|CCK|Cocos (Keeling) Islands|Cocos Islands|Keeling Islands
        CO|COL|Colombia
        KM|COM|Comoros
        CG|COG|Congo|Republic of the Congo|Congo-Brazzaville|Congo, Republic of the
        CD|COD|Congo, Democratic Republic of the|Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|Zaire
        CK|COK|Cook Islands
        CR|CRI|Costa Rica
        CI|CIV|Côte d'Ivoire|Ivory Coast
        HR|HRV|Croatia|Hrvatska
        CU|CUB|Cuba
        CW|CUW|Curaçao
        CY|CYP|Cyprus
        CZ|CZE|Czechia|Czech Republic
        DK|DNK|Denmark
        DJ|DJI|Djibouti
        DM|DMA|Dominica
        DO|DOM|Dominican Republic
        EC|ECU|Ecuador
        EG|EGY|Egypt
        SV|SLV|El Salvador
        GQ|GNQ|Equatorial Guinea
        ER|ERI|Eritrea
        EE|EST|Estonia
        SZ|SWZ|Eswatini|Swaziland
        ET|ETH|Ethiopia
        FK|FLK|Falkland Islands (Malvinas)|Falkland Islands|Falklands|Malvinas
        FO|FRO|Faroe Islands|Faroes
        FJ|FJI|Fiji
        FI|FIN|Finland
        FR|FRA|France
        GF|GUF|French Guiana
        PF|PYF|French Polynesia
        TF|ATF|French Southern Territories
        GA|GAB|Gabon
        GM|GMB|Gambia
        GE|GEO|Georgia
        DE|DEU|Germany|Deutschland
        GH|GHA|Ghana
        GI|GIB|Gibraltar
        GR|GRC|Greece
        GL|GRL|Greenland
        GD|GRD|Grenada
        GP|GLP|Guadeloupe
        GU|GUM|Guam
        GT|GTM|Guatemala
        GG|GGY|Guernsey
        GN|GIN|Guinea
        GW|GNB|Guinea-Bissau
        GY|GUY|Guyana
        HT|HTI|Haiti
        HM|HMD|Heard Island and McDonald Islands
        VA|VAT|Holy See|Vatican|Vatican City|Vatican City State
        HN|HND|Honduras
        HK|HKG|Hong Kong
        HU|HUN|Hungary
        IS|ISL|Iceland
        IN|IND|India
        ID|IDN|Indonesia
        IR|IRN|Iran|Iran, Islamic Republic of|Islamic Republic of Iran
        IQ|IRQ|Iraq
        IE|IRL|Ireland|Republic of Ireland|Eire
        IM|IMN|Isle of Man
        IL|ISR|Israel
        IT|ITA|Italy|Italia
        JM|JAM|Jamaica
        JP|JPN|Japan
        JE|JEY|Jersey
        JO|JOR|Jordan
        KZ|KAZ|Kazakhstan
        KE|KEN|Kenya
        KI|KIR|Kiribati
        KP|PRK|North Korea|Korea, Democratic People's Republic of|Democratic People's Republic of Korea|DPRK
        KR|KOR|South Korea|Korea, Republic of|Republic of Korea|Korea|Korea, South
        KW|KWT|Kuwait
        KG|KGZ|Kyrgyzstan
        LA|LAO|Lao People's Democratic Republic|Laos
        LV|LVA|Latvia
        LB|LBN|Lebanon
        LS|LSO|Lesotho
        LR|LBR|Liberia
        LY|LBY|Libya
        LI|LIE|Liechtenstein
        LT|LTU|Lithuania
        LU|LUX|Luxembourg
        MO|MAC|Macao|Macau
        MG|MDG|Madagascar
        MW|MWI|Malawi
        MY|MYS|Malaysia
        MV|MDV|Maldives
        ML|MLI|Mali
        MT|MLT|Malta
        MH|MHL|Marshall Islands
        MQ|MTQ|Martinique
        MR|MRT|Mauritania
        MU|MUS|Mauritius
        YT|MYT|Mayotte
        MX|MEX|Mexico|México
        FM|FSM|Micronesia|Micronesia, Federated States of|Federated States of Micronesia
        MD|MDA|Moldova|Moldova, Republic of|Republic of Moldova
        MC|MCO|Monaco
        MN|MNG|Mongolia
        ME|MNE|Montenegro
        MS|MSR|Montserrat
        MA|MAR|Morocco
        MZ|MOZ|Mozambique
        MM|MMR|Myanmar|Burma
        NA|NAM|Namibia
        NR|NRU|Nauru
        NP|NPL|Nepal
        NL|NLD|Netherlands|Holland|Nederland|Kingdom of the Netherlands
        NC|NCL|New Caledonia
        NZ|NZL|New Zealand|Aotearoa
        NI|NIC|Nicaragua
        NE|NER|Niger
        NG|NGA|Nigeria
        NU|NIU|Niue
        NF|NFK|Norfolk Island
        MK|MKD|North Macedonia|Macedonia|Republic of North Macedonia
        MP|MNP|Northern Mariana Islands
        NO|NOR|Norway
        OM|OMN|Oman
        PK|PAK|Pakistan
        PW|PLW|Palau
        PS|PSE|Palestine, State of|Palestine|State of Palestine
        PA|PAN|Panama
        PG|PNG|Papua New Guinea
        PY|PRY|Paraguay
        PE|PER|Peru
        PH|PHL|Philippines
        PN|PCN|Pitcairn|Pitcairn Islands
        PL|POL|Poland|Polska
        PT|PRT|Portugal
        PR|PRI|Puerto Rico
        QA|QAT|Qatar
        RE|REU|Réunion
        RO|ROU|Romania
        RU|RUS|Russian Federation|Russia
        RW|RWA|Rwanda
        BL|BLM|Saint Barthélemy|St Barthelemy|St Barts
        SH|SHN|Saint Helena, Ascension and Tristan da Cunha|Saint Helena|St Helena
        KN|KNA|Saint Kitts and Nevis|St Kitts and Nevis|St Kitts
        LC|LCA|Saint Lucia|St Lucia
        MF|MAF|Saint Martin (French part)|Saint Martin|St Martin
        PM|SPM|Saint Pierre and Miquelon|St Pierre and Miquelon
        VC|VCT|Saint Vincent and the Grenadines|St Vincent and the Grenadines|Saint Vincent
        WS|WSM|Samoa
        SM|SMR|San Marino
        ST|STP|Sao Tome and Principe
        SA|SAU|Saudi Arabia
        SN|SEN|Senegal
        RS|SRB|Serbia
        SC|SYC|Seychelles
        SL|SLE|Sierra Leone
        SG|SGP|Singapore
        SX|SXM|Sint Maarten (Dutch part)|Sint Maarten
        SK|SVK|Slovakia|Slovak Republic
        SI|SVN|Slovenia
        SB|SLB|Solomon Islands
        SO|SOM|Somalia
        ZA|ZAF|South Africa
        GS|SGS|South Georgia and the South Sandwich Islands
        SS|SSD|South Sudan
        ES|ESP|Spain|España
        LK|LKA|Sri Lanka
        SD|SDN|Sudan
        SR|SUR|Suriname
        SJ|SJM|Svalbard and Jan Mayen
        SE|SWE|Sweden|Sverige
        CH|CHE|Switzerland|Schweiz|Suisse|Svizzera
        SY|SYR|Syrian Arab Republic|Syria
        TW|TWN|Taiwan|Taiwan, Province of China|Republic of China
        TJ|TJK|Tajikistan
        TZ|TZA|Tanzania|Tanzania, United Republic of|United Republic of Tanzania
        TH|THA|Thailand
        TL|TLS|Timor-Leste|East Timor
        TG|TGO|Togo
        TK|TKL|Tokelau
        TO|TON|Tonga
        TT|TTO|Trinidad and Tobago
        TN|TUN|Tunisia
        TR|TUR|Türkiye|Turkey
        TM|TKM|Turkmenistan
        TC|TCA|Turks and Caicos Islands
        TV|TUV|Tuvalu
        UG|UGA|Uganda
        UA|UKR|Ukraine
        AE|ARE|United Arab Emirates|UAE|Emirates
        GB|GBR|United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland
        US|USA|United States|United States of America|U.S.|U.S.A.|America
        UM|UMI|United States Minor Outlying Islands|US Minor Outlying Islands
        UY|URY|Uruguay
        UZ|UZB|Uzbekistan
        VU|VUT|Vanuatu
        VE|VEN|Venezuela|Venezuela, Bolivarian Republic of|Bolivarian Republic of Venezuela
        VN|VNM|Viet Nam|Vietnam
        VG|VGB|Virgin Islands (British)|British Virgin Islands|BVI
        VI|VIR|Virgin Islands (U.S.)|US Virgin Islands|U.S. Virgin Islands|United States Virgin Islands|USVI
        WF|WLF|Wallis and Futuna
        EH|ESH|Western Sahara
        YE|YEM|Yemen
        ZM|ZMB|Zambia
        ZW|ZWE|Zimbabwe
        XK|XKX|Kosovo
        """;
}
