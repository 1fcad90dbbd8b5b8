"""Registry: building classes from definitions (extension, mixins,
delegation), descendants, setup of dependencies, ormcaches, and data
records loaded through ``_load_records`` with external ids."""
from __future__ import annotations

from odoo import api, fields, models
from odoo.orm.registry import Registry
from tests.orm.orm_registry import make_env

XMLIDS: dict = {}
NOUPDATE: set = set()


class ModelData(models.AbstractModel):
    _name = 'ir.model.data'
    _description = 'Stand-in for the external ids of base'
    _register = False

    @api.model
    def _xmlid_to_res_id(self, xmlid, raise_if_not_found=False):
        return XMLIDS.get(xmlid, (None, None))[1]

    @api.model
    def _xmlid_lookup(self, xmlid):
        if xmlid not in XMLIDS:
            raise ValueError(f"External ID not found in the system: {xmlid}")
        return XMLIDS[xmlid]

    @api.model
    def _lookup_xmlids(self, xml_ids, model):
        rows = []
        for xml_id in xml_ids:
            if xml_id in XMLIDS:
                module, name = xml_id.split('.')
                res_model, res_id = XMLIDS[xml_id]
                alive = res_id if model.browse(res_id).exists() else None
                rows.append((0, module, name, res_model, res_id, xml_id in NOUPDATE, alive))
        return rows

    @api.model
    def _update_xmlids(self, data_list, update=False):
        for data in data_list:
            XMLIDS[data['xml_id']] = (data['record']._name, data['record'].id)


class Animal(models.Model):
    _name = 'test.animal'
    _description = 'Animal'
    _register = False
    name = fields.Char()
    legs = fields.Integer(default=4)

    def speak(self):
        return 'animal'


class AnimalMixin(models.AbstractModel):
    _name = 'test.noisy.mixin'
    _description = 'Noisy'
    _register = False
    volume = fields.Integer(default=5)

    def speak(self):
        return 'noise'

    def shout(self):
        return self.speak().upper()


class AnimalExt(models.Model):
    _name = 'test.animal'
    _inherit = ['test.animal', 'test.noisy.mixin']
    _register = False
    legs = fields.Integer(default=2, string='Paws')


class Dog(models.Model):
    _name = 'test.dog'
    _description = 'Dog'
    _register = False
    _inherits = {'test.animal': 'animal_id'}
    animal_id = fields.Many2one('test.animal', required=True, ondelete='cascade')
    breed = fields.Char()


def test_class_building(cr):
    env = make_env(cr, [ModelData, Animal, AnimalMixin, AnimalExt, Dog])
    registry = env.registry
    animal = env['test.animal'].create({'name': 'a'})
    # as in Odoo, a mixin added later comes after the model's own classes
    assert animal.speak() == 'animal' and animal.shout() == 'ANIMAL'
    assert (animal.legs, animal.volume) == (2, 5)
    assert env['test.animal']._fields['legs'].string == 'Paws'
    assert registry.descendants(['test.noisy.mixin'], '_inherit') == ['test.noisy.mixin', 'test.animal']
    assert 'test.dog' in registry.descendants(['test.animal'], '_inherits')
    dog = env['test.dog'].create({'name': 'rex', 'breed': 'corgi'})
    assert dog.animal_id.name == 'rex' and dog.legs == 2
    assert not hasattr(dog, 'speak')  # delegation shares fields, not methods
    assert Registry(cr.dbname) is registry


def test_caches(cr):
    env = make_env(cr, [Animal])
    registry = env.registry
    registry._caches['default']['key'] = 1
    registry.clear_cache()
    assert registry._caches['default'] == {}


def test_load_records(cr):
    XMLIDS.clear()
    NOUPDATE.clear()
    env = make_env(cr, [ModelData, Animal])
    Animals = env['test.animal'].with_context(install_module='zoo')
    first = Animals._load_records([{'xml_id': 'cat', 'values': {'name': 'Cat'}},
                                   {'xml_id': 'zoo.bird', 'values': {'name': 'Bird', 'legs': 2}}])
    assert first.mapped('name') == ['Cat', 'Bird'] and XMLIDS['zoo.cat'][1] == first[0].id
    again = Animals._load_records([{'xml_id': 'zoo.cat', 'values': {'name': 'Tiger'}}], update=True)
    assert again == first[0] and first[0].name == 'Tiger'
    NOUPDATE.add('zoo.cat')
    kept = Animals._load_records([{'xml_id': 'zoo.cat', 'values': {'name': 'Lion'}}], update=True)
    assert kept == first[0] and first[0].name == 'Tiger'
    assert env.ref('zoo.bird') == first[1]
    first[1].unlink()
    reborn = Animals._load_records([{'xml_id': 'zoo.bird', 'values': {'name': 'Bird'}}], update=True)
    assert reborn.exists() and reborn != first[1] and env.ref('zoo.bird') == reborn
    assert env.ref('zoo.nothing', raise_if_not_found=False) is None


class Robot(models.Model):
    _name = 'test.robot'
    _inherit = 'test.animal'
    _description = 'Robot'
    _register = False
    battery = fields.Integer()


def test_prototype_inheritance(cr):
    env = make_env(cr, [Animal, Robot])
    robot = env['test.robot'].create({'name': 'r2', 'battery': 3})
    assert robot._table == 'test_robot' and robot.legs == 4 and robot.speak() == 'animal'
    assert not env['test.animal'].search([])
    assert 'battery' not in env['test.animal']._fields


class AnimalReport(models.Model):
    _name = 'test.animal.report'
    _description = 'Legs per name'
    _register = False
    _auto = False
    _table_query = "SELECT id, name, legs * 2 AS double_legs FROM test_animal"
    name = fields.Char()
    double_legs = fields.Integer()


def test_table_query_model(cr):
    env = make_env(cr, [Animal, AnimalReport])
    animal = env['test.animal'].create({'name': 'spider', 'legs': 8})
    env.flush_all()
    row = env['test.animal.report'].browse(animal.id)
    assert row.exists() and row.double_legs == 16
    assert env['test.animal.report'].search([('double_legs', '>', 10)]) == row
